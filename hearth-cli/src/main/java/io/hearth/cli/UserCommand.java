package io.hearth.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth user add | remove}: edits the users file of the gateway's {@code basic}
 * authentication method on this machine. It does not talk to a gateway: the gateway reads the file
 * again when it changes.
 */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = {
            "Add or remove a user of the gateway's users file (auth.methods=basic); the gateway reads the file"
                    + " again by itself.",
            "The file: --file, else HEARTH_AUTH_USERS_FILE, else <hearth home>/conf/users (the gateway's default)."
        },
        subcommands = {UserAddCommand.class, UserRemoveCommand.class})
final class UserCommand implements Runnable {
    static final String ENV_USERS_FILE = "HEARTH_AUTH_USERS_FILE";

    @ParentCommand
    HearthCli hearth;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine.usage(this, hearth.context().out());
    }

    HearthCli hearth() {
        return hearth;
    }

    /** The users file: the option, the gateway's own variable, or the distribution's default. */
    UsersFile usersFile(Path option, CommandSpec command) {
        Optional<Path> chosen = Optional.ofNullable(option)
                .or(() -> Optional.ofNullable(hearth.context().environment().get(ENV_USERS_FILE))
                        .filter(value -> !value.isBlank())
                        .map(Path::of))
                .or(() -> Optional.ofNullable(System.getProperty("hearth.home"))
                        .map(home -> Path.of(home, "conf", "users")));
        return new UsersFile(chosen.orElseThrow(() -> new CommandLine.ParameterException(
                command.commandLine(),
                "which users file? give --file PATH (or set " + ENV_USERS_FILE + ", or run from the distribution's"
                        + " bin/hearth)")));
    }
}
