package io.hearth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a memory figure (VmHWM, VmRSS) of a process from Linux's /proc/PID/status. */
final class ProcStatus {
    private ProcStatus() {}

    static OptionalLong kib(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith(field + ":")) {
                    String value = line.substring(field.length() + 1).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(value));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }
}
