package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.StatementEvent;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One statement's events, kept in a file (each a 4-byte length and the event's bytes) until the
 * gateway releases them, so a gateway that lost the call (it restarted) can re-attach and read the
 * statement from its beginning. The statement's thread appends; readers read only whole events
 * (up to what was appended and flushed). Thread-safe.
 */
final class StatementSpool {
    private final String statementId;
    private final Path file;
    private final DataOutputStream out;
    private long committed;
    private boolean finished;
    private boolean deleted;
    private Instant finishedAt;

    StatementSpool(String statementId, Path file) throws IOException {
        this.statementId = requireNonNull(statementId, "statementId is null");
        this.file = requireNonNull(file, "file is null");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
    }

    String statementId() {
        return statementId;
    }

    /** Keeps an event; ignored once the spool was deleted (released while the statement still ran). */
    synchronized void append(StatementEvent event) {
        if (deleted || finished) {
            return;
        }
        try {
            byte[] bytes = event.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
            committed += 4L + bytes.length;
        } catch (IOException e) {
            // a full disk must not fail the statement itself: the live call still gets the events;
            // only a re-attach after a gateway restart will find this spool incomplete
            deleteQuietly();
            throw new UncheckedIOException("could not keep the events of statement " + statementId, e);
        }
        notifyAll();
    }

    /** The statement ended: its last event was appended. */
    synchronized void finish(Instant at) {
        if (!finished) {
            finished = true;
            finishedAt = at;
            closeQuietly();
            notifyAll();
        }
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /** When the statement ended, if it did. */
    synchronized Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    synchronized boolean isDeleted() {
        return deleted;
    }

    /** Deletes the file; readers stop. */
    synchronized void delete() {
        if (!deleted) {
            deleteQuietly();
        }
    }

    /** Reads the events from the beginning; not thread-safe, one per reader. */
    Reader reader() throws IOException {
        return new Reader();
    }

    private synchronized boolean awaitBeyond(long position) throws InterruptedException {
        while (!deleted && committed <= position && !finished) {
            wait();
        }
        return !deleted && committed > position;
    }

    private synchronized long committed() {
        return committed;
    }

    private void deleteQuietly() {
        deleted = true;
        closeQuietly();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the spool directory is deleted with the engine anyway
        }
        notifyAll();
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing more will be written
        }
    }

    /** Reads a spool's events in order, waiting for the next one while the statement runs. */
    final class Reader implements AutoCloseable {
        private final FileChannel channel;
        private long position;

        private Reader() throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        /** The next event, waiting for it; empty at the end (or once the spool was deleted). */
        Optional<StatementEvent> next() throws IOException, InterruptedException {
            if (!awaitBeyond(position)) {
                return Optional.empty();
            }
            if (committed() - position < 4) {
                throw new IOException("the spool of statement " + statementId + " is cut short");
            }
            ByteBuffer length = ByteBuffer.allocate(4);
            readFully(length);
            ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
            readFully(bytes);
            return Optional.of(StatementEvent.parseFrom(bytes.flip()));
        }

        private void readFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("the spool of statement " + statementId + " ended early");
                }
                position += read;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
