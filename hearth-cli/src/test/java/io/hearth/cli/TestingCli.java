package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs {@code hearth} through its main entry against one gateway, capturing stdout, stderr and the exit code. */
final class TestingCli {
    private final URI server;
    private final Map<String, String> environment;
    private final CliContext.Terminal terminal;

    TestingCli(URI server) {
        this(server, Map.of(), prompt -> Optional.empty());
    }

    private TestingCli(URI server, Map<String, String> environment, CliContext.Terminal terminal) {
        this.server = server;
        this.environment = environment;
        this.terminal = terminal;
    }

    /** Runs with these variables too ({@code HEARTH_USER}, {@code HEARTH_PASSWORD} ...). */
    TestingCli withEnvironment(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(variables);
        return new TestingCli(server, all, terminal);
    }

    /** Runs as if at a terminal that answers each secret prompt with the next of these. */
    TestingCli withTerminal(String... answers) {
        java.util.Iterator<String> next = java.util.List.of(answers).iterator();
        return new TestingCli(
                server,
                environment,
                prompt -> next.hasNext() ? Optional.of(next.next().toCharArray()) : Optional.empty());
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    Run runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8),
                new ByteArrayInputStream(input.getBytes(UTF_8)),
                environment(),
                false,
                terminal);
        int exitCode = HearthCli.run(context, args);
        return new Run(exitCode, out.toString(UTF_8), err.toString(UTF_8));
    }

    private Map<String, String> environment() {
        Map<String, String> all = new HashMap<>(environment);
        all.put(HearthCli.ENV_SERVER, server.toString());
        return all;
    }

    /** Lines as the command line prints them. */
    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** How a run ended: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {}
}
