package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.client.Statements;

/**
 * Cancels the statement being waited for when the JVM is stopped (Ctrl-C, SIGTERM), so an
 * interrupted {@code hearth sql} does not leave work running on the gateway.
 */
final class CancelOnExit implements AutoCloseable {
    private final Statements statements;
    private Thread hook;

    CancelOnExit(Statements statements) {
        this.statements = requireNonNull(statements, "statements is null");
    }

    /** Watches this statement (once its id is known); later calls change nothing. */
    void watch(String statementId) {
        if (hook != null) {
            return;
        }
        hook = new Thread(
                () -> {
                    try {
                        statements.cancel(statementId);
                        System.err.println("\nhearth: canceled statement " + statementId);
                    } catch (RuntimeException e) {
                        System.err.println(
                                "\nhearth: could not cancel statement " + statementId + ": " + e.getMessage());
                    }
                },
                "hearth-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already stopping: the hook runs
            }
        }
    }
}
