package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.job.JobRequest;
import io.hearth.api.statement.StatementRequest;
import io.hearth.client.Jobs;
import io.hearth.client.Statements;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cancels the work being waited for (a statement, a job) when the JVM is stopped (Ctrl-C,
 * SIGTERM), so an interrupted {@code hearth sql} or {@code hearth run} does not leave work running
 * on the gateway. Stopped before the gateway answered the submission, it finds the work by
 * submitting the same request again: its idempotency key returns the same work instead of a second
 * one.
 */
final class CancelOnExit implements AutoCloseable {
    private final String kind;
    private final Supplier<String> submitAgain;
    private final Consumer<String> cancel;
    private final Thread hook;
    private volatile String id;

    private CancelOnExit(String kind, Supplier<String> submitAgain, Consumer<String> cancel) {
        this.kind = requireNonNull(kind, "kind is null");
        this.submitAgain = requireNonNull(submitAgain, "submitAgain is null");
        this.cancel = requireNonNull(cancel, "cancel is null");
        this.hook = new Thread(this::cancel, "hearth-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static CancelOnExit statement(Statements statements, StatementRequest request) {
        requireKey(request.idempotencyKey());
        StatementRequest immediately = new StatementRequest(
                request.statement(),
                request.parameters(),
                "0s",
                request.onWaitTimeout(),
                request.format(),
                request.rowLimit(),
                request.idempotencyKey(),
                request.sessionId());
        return new CancelOnExit(
                "statement", () -> statements.submit(immediately).statementId(), statements::cancel);
    }

    static CancelOnExit job(Jobs jobs, String function, JobRequest request) {
        requireKey(request.idempotencyKey());
        JobRequest immediately = new JobRequest(
                request.parameters(),
                "0s",
                request.onWaitTimeout(),
                request.format(),
                request.rowLimit(),
                request.idempotencyKey());
        return new CancelOnExit("job", () -> jobs.submit(function, immediately).jobId(), jobs::cancel);
    }

    private static void requireKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            throw new IllegalArgumentException("the request needs an idempotency key to be found again");
        }
    }

    /** The work's id, once the gateway said it. */
    void watch(String id) {
        this.id = id;
    }

    private void cancel() {
        String known = id;
        try {
            if (known == null) {
                known = submitAgain.get();
            }
            cancel.accept(known);
            System.err.println(System.lineSeparator() + "hearth: canceled " + kind + " " + known);
        } catch (RuntimeException e) {
            System.err.println(System.lineSeparator() + "hearth: could not cancel " + kind + " "
                    + (known == null ? "" : known + " ") + e.getMessage());
        }
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
