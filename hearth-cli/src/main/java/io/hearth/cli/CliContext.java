package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch of the world: its streams, its environment, and whether stderr is a
 * terminal (then a progress bar is drawn there). Tests pass their own.
 *
 * @param out results go here
 * @param err progress and errors go here
 * @param in read by {@code -f -}
 * @param environment {@code HEARTH_SERVER}, {@code HEARTH_USER}, {@code HEARTH_PASSWORD}, {@code HEARTH_TOKEN}
 * @param errIsTerminal whether {@code err} is a terminal
 * @param terminal asks the person at the terminal for a secret without echoing it
 */
record CliContext(
        PrintStream out,
        PrintStream err,
        InputStream in,
        Map<String, String> environment,
        boolean errIsTerminal,
        Terminal terminal) {
    CliContext {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(in, "in is null");
        environment = Map.copyOf(environment);
        requireNonNull(terminal, "terminal is null");
    }

    /** Without a terminal to ask secrets of. */
    CliContext(
            PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean errIsTerminal) {
        this(out, err, in, environment, errIsTerminal, prompt -> Optional.empty());
    }

    /** The process's own: bin/hearth says whether stderr is a terminal ({@code -Dhearth.stderr.tty}). */
    static CliContext system() {
        boolean terminal = Boolean.parseBoolean(System.getProperty("hearth.stderr.tty", "false"));
        return new CliContext(System.out, System.err, System.in, System.getenv(), terminal, prompt -> {
            Console console = System.console();
            return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
        });
    }

    /** The terminal, for passwords. */
    @FunctionalInterface
    interface Terminal {
        /** What the person typed after {@code prompt}, unechoed; empty when there is no terminal. */
        Optional<char[]> readSecret(String prompt);
    }
}
