package io.hearth.cli;

import java.util.List;

/**
 * Following a log that is served as its last N bytes: each fetch is a window that may have slid
 * since the previous one, so the lines already printed are found at the window's start.
 */
final class LogTail {
    private LogTail() {}

    /**
     * How many lines at the start of {@code current} were already printed: the longest end of
     * {@code previous} that {@code current} starts with. Lines carry their instant, so a repeat by
     * chance is unlikely.
     */
    static int overlap(List<String> previous, List<String> current) {
        for (int length = Math.min(previous.size(), current.size()); length > 0; length--) {
            if (previous.subList(previous.size() - length, previous.size()).equals(current.subList(0, length))) {
                return length;
            }
        }
        return 0;
    }
}
