package io.hearth.server.batch;

import java.util.List;

/**
 * Says why a batch failed from its exit status and the end of its output. A batch is any Spark
 * application, with no channel back to the gateway, so its output is the only witness: the
 * exception the JVM printed for {@code main} is the message users need.
 */
final class BatchFailures {
    static final String UNCAUGHT_IN_MAIN = "Exception in thread \"main\" ";
    static final String CAUSED_BY = "Caused by: ";
    static final int MAX_MESSAGE_LENGTH = 4000;
    private static final int LINES_WITHOUT_EXCEPTION = 10;

    private BatchFailures() {}

    /** "the application exited with status 1: java.lang.IllegalStateException: ..." */
    static String describe(int exitCode, List<String> lastLines) {
        String prefix = "the application exited with status " + exitCode;
        int thrown = lastIndexStartingWith(lastLines, UNCAUGHT_IN_MAIN);
        String message;
        if (thrown >= 0) {
            message = prefix + ": " + lastLines.get(thrown).substring(UNCAUGHT_IN_MAIN.length());
            int cause = lastIndexStartingWith(lastLines, CAUSED_BY);
            if (cause > thrown) {
                message += " (caused by " + lastLines.get(cause).substring(CAUSED_BY.length()) + ")";
            }
        } else {
            List<String> tail =
                    lastLines.stream().filter(line -> !line.isBlank()).toList();
            tail = tail.subList(Math.max(0, tail.size() - LINES_WITHOUT_EXCEPTION), tail.size());
            message = tail.isEmpty()
                    ? prefix + " and printed nothing"
                    : prefix + "; its output ended with:\n" + String.join("\n", tail);
        }
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }

    private static int lastIndexStartingWith(List<String> lines, String start) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
