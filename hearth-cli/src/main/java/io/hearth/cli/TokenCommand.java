package io.hearth.cli;

import io.hearth.api.token.TokenCreated;
import io.hearth.api.token.TokenInfo;
import io.hearth.api.token.TokenList;
import io.hearth.client.HearthClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hearth token [list | create | show ID | revoke ID]}: API tokens for scripts and services. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "List your API tokens (the default), create one, show one, or revoke one.",
            "A token authenticates as you: give it to a script as HEARTH_TOKEN (or as `Authorization: Bearer`)."
        })
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    HearthCli hearth;

    @Override
    public Integer call() {
        return list(20, null);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create a token and print it. It is shown this once: the gateway keeps only a hash of it.",
                "With -q only the token is printed, so that T=$(hearth token create -q --name ci) works."
            })
    int create(
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "what the token is for")
                    String name,
            @Option(
                            names = "--expires-in",
                            paramLabel = "DURATION",
                            converter = DurationConverter.class,
                            description = "how long it lives, e.g. 12h or 90d (default: the gateway's, 30d unless"
                                    + " configured)")
                    Duration expiresIn,
            @Option(
                            names = {"-q", "--quiet"},
                            description = "print only the token")
                    boolean quiet) {
        try (HearthClient client = hearth.connect()) {
            TokenCreated token = client.tokens().create(name, expiresIn);
            PrintStream out = hearth.context().out();
            if (quiet) {
                out.println(token.token());
            } else {
                new DetailLines()
                        .add("token_id", token.tokenId())
                        .add("name", token.name())
                        .add("owner", token.owner())
                        .add("created_at", token.createdAt())
                        .add("expires_at", token.expiresAt())
                        .add("token", token.token())
                        .print(out);
                hearth.context().err().println("Keep the token now: it cannot be shown again.");
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List your tokens, newest first, revoked and expired ones too (never their secrets).")
    int list(
            @Option(
                            names = "--limit",
                            defaultValue = "20",
                            paramLabel = "N",
                            description = "at most N (default ${DEFAULT-VALUE})")
                    int limit,
            @Option(
                            names = "--page-token",
                            paramLabel = "TOKEN",
                            description = "continue where an earlier listing stopped")
                    String pageToken) {
        PrintStream out = hearth.context().out();
        try (HearthClient client = hearth.connect()) {
            TokenList page = client.tokens().list(limit, pageToken);
            // the name is last: it may hold spaces
            String format = "%-36s  %-7s  %-27s  %-27s  %-27s  %s";
            out.println(String.format(format, "TOKEN_ID", "STATE", "CREATED_AT", "EXPIRES_AT", "LAST_USED_AT", "NAME")
                    .stripTrailing());
            for (TokenInfo token : page.tokens()) {
                out.println(String.format(
                                format,
                                token.tokenId(),
                                token.state(),
                                token.createdAt(),
                                token.expiresAt(),
                                token.lastUsedAt() == null ? "" : token.lastUsedAt(),
                                token.name())
                        .stripTrailing());
            }
            if (page.nextPageToken() != null) {
                out.println("(more: --page-token " + page.nextPageToken() + ")");
            }
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a token (never its secret).")
    int show(@Parameters(paramLabel = "TOKEN_ID", description = "the token") String tokenId) {
        try (HearthClient client = hearth.connect()) {
            TokenInfo token = client.tokens().find(tokenId);
            new DetailLines()
                    .add("token_id", token.tokenId())
                    .add("name", token.name())
                    .add("state", token.state())
                    .add("owner", token.owner())
                    .add("groups", token.groups().isEmpty() ? null : String.join(",", token.groups()))
                    .add("created_at", token.createdAt())
                    .add("expires_at", token.expiresAt())
                    .add("last_used_at", token.lastUsedAt())
                    .add("revoked_at", token.revokedAt())
                    .print(hearth.context().out());
        }
        return ExitCode.SUCCESS.code();
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a token: from now on it authenticates nothing.")
    int revoke(@Parameters(paramLabel = "TOKEN_ID", description = "the token") String tokenId) {
        try (HearthClient client = hearth.connect()) {
            client.tokens().revoke(tokenId);
            hearth.context().out().println(tokenId + " revoked");
        }
        return ExitCode.SUCCESS.code();
    }
}
