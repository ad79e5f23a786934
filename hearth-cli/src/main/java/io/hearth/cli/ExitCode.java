package io.hearth.cli;

/** The exit codes of {@code hearth}, for scripts; docs/client.md lists them. */
enum ExitCode {
    /** Done; a statement, job or batch SUCCEEDED. */
    SUCCESS(0),
    /** A statement, job or batch FAILED; the error is on stderr as {@code ERROR <error_code> [SQLSTATE]: message}. */
    FAILED(1),
    /** The command line was wrong (picocli's usage code), or a job's parameters do not fit its function. */
    USAGE(2),
    /** The gateway could not be reached, or it answered with an error (problem+json). */
    SERVER_ERROR(3),
    /** A statement or job was canceled, or a batch killed. */
    CANCELED(4),
    /** {@code --timeout} passed first; the statement or job was canceled (the batch killed). */
    TIMEOUT(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
