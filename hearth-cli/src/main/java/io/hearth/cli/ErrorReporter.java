package io.hearth.cli;

import static java.util.Objects.requireNonNull;

import io.hearth.api.ErrorCode;
import io.hearth.api.FieldError;
import io.hearth.api.batch.BatchError;
import io.hearth.api.batch.BatchInfo;
import io.hearth.api.statement.StatementError;
import io.hearth.api.statement.StatementStatus;
import io.hearth.client.HearthClientException;
import io.hearth.client.HearthConnectionException;
import io.hearth.client.JobFailedException;
import io.hearth.client.StatementFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Prints errors in one shape, {@code ERROR <code> [SQLSTATE]: message} on stderr, and chooses the
 * exit code. Never a stack trace: every message here is written for the person at the terminal.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private final PrintStream err;

    ErrorReporter(PrintStream err) {
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (exception instanceof StatementFailedException failed) {
            return ended("statement " + failed.statementId(), failed.statement().status());
        }
        if (exception instanceof JobFailedException failed) {
            return ended("job " + failed.jobId(), failed.job().status());
        }
        if (exception instanceof HearthClientException problem) {
            String field = problem.field() == null ? "" : " (field " + problem.field() + ")";
            err.println("ERROR " + problem.errorCodeName() + ": " + problem.getMessage() + field);
            if (problem.errorCode() == ErrorCode.UNAUTHENTICATED) {
                err.println("The gateway wants to know who you are: give --user NAME (the password from"
                        + " HEARTH_PASSWORD, else the terminal asks), or --token TOKEN (or HEARTH_TOKEN).");
            }
            if (!problem.fieldErrors().isEmpty()) {
                // every bad field of a request checked at once (job parameters): fix and retry
                for (FieldError error : problem.fieldErrors()) {
                    err.println("  " + pointer(error.field()) + ": " + error.message());
                }
                return ExitCode.USAGE.code();
            }
            return ExitCode.SERVER_ERROR.code();
        }
        if (exception instanceof HearthConnectionException unreachable) {
            err.println("ERROR: " + unreachable.getMessage());
            return ExitCode.SERVER_ERROR.code();
        }
        if (exception instanceof IllegalArgumentException invalid) {
            err.println("ERROR: " + invalid.getMessage());
            return ExitCode.USAGE.code();
        }
        if (exception instanceof IOException || exception instanceof UncheckedIOException) {
            err.println("ERROR: " + exception.getMessage());
            return ExitCode.FAILED.code();
        }
        err.println("ERROR: " + exception);
        return ExitCode.FAILED.code();
    }

    /**
     * Reports how work ended ({@code what}: "statement ID", "job ID" ...) and returns the exit code
     * that says so; work that has not ended is a success so far.
     */
    int ended(String what, StatementStatus status) {
        return switch (status.state()) {
            case SUCCEEDED, PENDING, RUNNING -> ExitCode.SUCCESS.code();
            case FAILED -> {
                err.println(describe(status.error()));
                yield ExitCode.FAILED.code();
            }
            case CANCELED -> {
                err.println("ERROR CANCELED: " + what + " was canceled");
                yield ExitCode.CANCELED.code();
            }
            case CLOSED -> {
                err.println("ERROR RESULT_EXPIRED: the result of " + what + " has expired");
                yield ExitCode.FAILED.code();
            }
        };
    }

    /**
     * Reports how a batch ended and returns the exit code that says so, as for statements: FAILED
     * is 1 (with {@code ERROR <error_code>: message}), KILLED is 4; a batch that has not ended is a
     * success so far.
     */
    int ended(BatchInfo batch) {
        return switch (batch.state()) {
            case SUCCEEDED, PENDING, RUNNING -> ExitCode.SUCCESS.code();
            case FAILED -> {
                err.println(describe(batch.batchId(), batch.error()));
                yield ExitCode.FAILED.code();
            }
            case KILLED -> {
                err.println("ERROR CANCELED: batch " + batch.batchId() + " was killed");
                yield ExitCode.CANCELED.code();
            }
        };
    }

    /** {@code ERROR <error_code>: message}. */
    static String describe(String batchId, BatchError error) {
        if (error == null) {
            return "ERROR: batch " + batchId + " failed";
        }
        return "ERROR " + error.errorCode() + ": " + error.message();
    }

    /** A JSON Pointer into the checked part of the request, as a name: {@code /min_count} is {@code min_count}. */
    private static String pointer(String field) {
        String name = field.startsWith("/") ? field.substring(1) : field;
        return name.isEmpty() ? "(parameters)" : name;
    }

    /** {@code ERROR <error_code> [SQLSTATE]: message}. */
    static String describe(StatementError error) {
        if (error == null) {
            return "ERROR: it failed without saying why";
        }
        String sqlState = error.sqlState() == null || error.sqlState().isBlank() ? "" : " [" + error.sqlState() + "]";
        return "ERROR " + error.errorCode() + sqlState + ": " + error.message();
    }
}
