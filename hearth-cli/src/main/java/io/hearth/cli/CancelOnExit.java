package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.StatementRequest;
import io.hearth.client.Statements;

/**
 * Cancels the statement being waited for when the JVM is stopped (Ctrl-C, SIGTERM), so an
 * interrupted {@code hearth sql} does not leave work running on the gateway. Stopped before the
 * gateway answered the submission, it finds the statement by submitting the same request again:
 * its idempotency key returns the same statement instead of a second one.
 */
final class CancelOnExit implements AutoCloseable {
    private final Statements statements;
    private final StatementRequest request;
    private final Thread hook;
    private volatile String statementId;

    CancelOnExit(Statements statements, StatementRequest request) {
        this.statements = requireNonNull(statements, "statements is null");
        this.request = requireNonNull(request, "request is null");
        if (request.idempotencyKey() == null) {
            throw new IllegalArgumentException("the request needs an idempotency key to be found again");
        }
        this.hook = new Thread(this::cancel, "hearth-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The statement's id, once the gateway said it. */
    void watch(String statementId) {
        this.statementId = statementId;
    }

    private void cancel() {
        String id = statementId;
        try {
            if (id == null) {
                id = statements.submit(immediately(request)).statementId();
            }
            statements.cancel(id);
            System.err.println(System.lineSeparator() + "hearth: canceled statement " + id);
        } catch (RuntimeException e) {
            System.err.println(System.lineSeparator() + "hearth: could not cancel statement "
                    + (id == null ? "" : id + " ") + e.getMessage());
        }
    }

    private static StatementRequest immediately(StatementRequest request) {
        return new StatementRequest(
                request.statement(),
                request.parameters(),
                "0s",
                request.onWaitTimeout(),
                request.format(),
                request.rowLimit(),
                request.idempotencyKey(),
                request.sessionId());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: the hook runs
        }
    }
}
