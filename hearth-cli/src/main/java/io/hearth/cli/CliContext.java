package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the world: its streams, its environment, and whether stderr is a
 * terminal (then a progress bar is drawn there). Tests pass their own.
 *
 * @param out results go here
 * @param err progress and errors go here
 * @param in read by {@code -f -}
 * @param environment {@code HEARTH_SERVER}, {@code HEARTH_USER}, {@code HEARTH_PASSWORD}, {@code HEARTH_TOKEN}
 * @param errIsTerminal whether {@code err} is a terminal
 */
record CliContext(
        PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean errIsTerminal) {
    CliContext {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(in, "in is null");
        environment = Map.copyOf(environment);
    }

    /** The process's own: bin/hearth says whether stderr is a terminal ({@code -Dhearth.stderr.tty}). */
    static CliContext system() {
        boolean terminal = Boolean.parseBoolean(System.getProperty("hearth.stderr.tty", "false"));
        return new CliContext(System.out, System.err, System.in, System.getenv(), terminal);
    }
}
