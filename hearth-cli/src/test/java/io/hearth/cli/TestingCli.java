package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/** Runs {@code hearth} through its main entry against one gateway, capturing stdout, stderr and the exit code. */
final class TestingCli {
    private final URI server;

    TestingCli(URI server) {
        this.server = server;
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
                Map.of(HearthCli.ENV_SERVER, server.toString()),
                false);
        int exitCode = HearthCli.run(context, args);
        return new Run(exitCode, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** Lines as the command line prints them. */
    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** How a run ended: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {}
}
