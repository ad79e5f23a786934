package io.hearth.engine;

import io.hearth.protocol.v1.StatementFailed;
import org.apache.spark.SparkThrowable;

/** Maps what went wrong to a FAILED event: Spark's error condition and SQLSTATE, never a stack trace. */
final class StatementFailures {
    static final String CANCELED = "CANCELED";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    /** A job threw: its exception's message, unless Spark failed it with a condition of its own. */
    static final String JOB_FAILED = "JOB_FAILED";
    /** The job's class cannot be loaded or used (gone from the jar, wrong type). */
    static final String INVALID_JOB = "INVALID_JOB";
    /** The job returned a value that cannot be written as JSON. */
    static final String INVALID_JOB_RESULT = "INVALID_JOB_RESULT";

    private StatementFailures() {}

    static StatementFailed canceled() {
        return StatementFailed.newBuilder()
                .setErrorClass(CANCELED)
                .setMessage("the statement was canceled")
                .setCanceled(true)
                .build();
    }

    static StatementFailed sessionNotFound(String sessionId) {
        return StatementFailed.newBuilder()
                .setErrorClass(SESSION_NOT_FOUND)
                .setMessage("session " + sessionId + " is not open in this engine")
                .build();
    }

    static StatementFailed invalidParameter(InvalidParameterException e) {
        return StatementFailed.newBuilder()
                .setErrorClass(InvalidParameterException.ERROR_CLASS)
                .setSqlState(InvalidParameterException.SQL_STATE)
                .setMessage(e.getMessage())
                .build();
    }

    static StatementFailed invalidJob(InvalidJobException e) {
        return StatementFailed.newBuilder()
                .setErrorClass(INVALID_JOB)
                .setMessage(e.getMessage())
                .build();
    }

    static StatementFailed invalidResult(String message) {
        return StatementFailed.newBuilder()
                .setErrorClass(INVALID_JOB_RESULT)
                .setMessage(message)
                .build();
    }

    /** The first Spark error condition in the cause chain, or JOB_FAILED with the job's message. */
    static StatementFailed jobFailed(Throwable failure) {
        return fromThrowable(failure, JOB_FAILED);
    }

    /** The first Spark error condition in the cause chain (a job failure wraps the task's error). */
    static StatementFailed fromThrowable(Throwable failure) {
        return fromThrowable(failure, INTERNAL_ERROR);
    }

    private static StatementFailed fromThrowable(Throwable failure, String otherwise) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SparkThrowable spark && spark.getCondition() != null) {
                return StatementFailed.newBuilder()
                        .setErrorClass(spark.getCondition())
                        .setSqlState(spark.getSqlState() == null ? "" : spark.getSqlState())
                        .setMessage(withRootCause(messageOf(cause), cause))
                        .build();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return StatementFailed.newBuilder()
                .setErrorClass(otherwise)
                .setMessage(messageOf(failure))
                .build();
    }

    /**
     * Some Spark conditions wrap what really went wrong without saying it ({@code
     * FAILED_TO_CREATE_PLAN_FOR_DIRECT_QUERY} over HDFS's {@code AccessControlException}): the
     * deepest cause's first line is added when the message does not already hold it.
     */
    private static String withRootCause(String message, Throwable condition) {
        Throwable root = condition;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == condition || root.getMessage() == null) {
            return message;
        }
        String rootMessage = root.getMessage().strip();
        int newline = rootMessage.indexOf('\n');
        String firstLine =
                newline < 0 ? rootMessage : rootMessage.substring(0, newline).strip();
        if (firstLine.isEmpty() || message.contains(firstLine)) {
            return message;
        }
        return message + " (caused by " + root.getClass().getName() + ": " + firstLine + ")";
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getName() : message;
    }
}
