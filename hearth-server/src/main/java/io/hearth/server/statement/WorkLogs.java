package io.hearth.server.statement;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.LogLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines jobs write to their logger, one file per statement or job under the data directory.
 * Lines are appended as the engine sends them, so a running job's log can be read while it runs.
 */
public final class WorkLogs {
    private static final Logger log = LoggerFactory.getLogger(WorkLogs.class);

    private final Path directory;

    public WorkLogs(Path directory) throws IOException {
        this.directory = Files.createDirectories(requireNonNull(directory, "directory is null"));
    }

    void append(StatementId id, LogLine line) {
        String text = Instant.ofEpochMilli(line.getEpochMillis()) + " " + line.getLevel() + " " + line.getMessage()
                + System.lineSeparator();
        try {
            Files.writeString(file(id), text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Could not write a log line of {}: {}", id, e.toString());
        }
    }

    /** The last {@code maxBytes} of the log (cut at a line start), or empty when nothing was logged. */
    public Optional<String> tail(StatementId id, int maxBytes) {
        Path file = file(id);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            long start = Math.max(0, size - maxBytes);
            channel.position(start);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read to the end
            }
            String text = new String(buffer.array(), 0, buffer.position(), UTF_8);
            if (start > 0) {
                int newline = text.indexOf('\n');
                text = newline < 0 ? "" : text.substring(newline + 1);
            }
            return Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + id, e);
        }
    }

    void delete(StatementId id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            log.warn("Could not delete the log of {}: {}", id, e.toString());
        }
    }

    private Path file(StatementId id) {
        // ids are UUIDs the gateway made; the file name is never taken from a request as is
        return directory.resolve(id.value() + ".log");
    }
}
