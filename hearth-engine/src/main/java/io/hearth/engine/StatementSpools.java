package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spools of this engine's statements (see {@link StatementSpool}), in one temporary folder
 * deleted with the engine. A spool lives until the gateway releases it, or until {@code ttl} after
 * its statement ended when no gateway does (one that never came back).
 */
final class StatementSpools implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementSpools.class);

    private final Path directory;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentMap<String, StatementSpool> spools = new ConcurrentHashMap<>();

    StatementSpools(Path directory, Clock clock, Duration ttl) {
        try {
            this.directory = Files.createDirectories(requireNonNull(directory, "directory is null"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for statement events " + directory, e);
        }
        this.clock = requireNonNull(clock, "clock is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
    }

    /** A new, empty spool for a statement about to run (replacing a finished one of that id). */
    StatementSpool create(String statementId) throws IOException {
        StatementSpool spool = new StatementSpool(statementId, directory.resolve(fileName(statementId)));
        StatementSpool previous = spools.put(statementId, spool);
        if (previous != null) {
            previous.delete();
        }
        return spool;
    }

    Optional<StatementSpool> find(String statementId) {
        return Optional.ofNullable(spools.get(statementId));
    }

    /** Deletes a statement's spool; false when there was none. */
    boolean release(String statementId) {
        StatementSpool spool = spools.remove(statementId);
        if (spool == null) {
            return false;
        }
        spool.delete();
        return true;
    }

    /** Deletes the spools of statements that ended more than the TTL ago. */
    void deleteExpired() {
        Instant cutoff = clock.instant().minus(ttl);
        spools.values().forEach(spool -> {
            if (spool.finishedAt().map(at -> at.isBefore(cutoff)).orElse(false)
                    && spools.remove(spool.statementId(), spool)) {
                log.info("Deleted the unreleased events of statement {}", spool.statementId());
                spool.delete();
            }
        });
    }

    int size() {
        return spools.size();
    }

    @Override
    public void close() {
        spools.values().forEach(StatementSpool::delete);
        spools.clear();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the spool folder {}: {}", directory, e.getMessage());
        }
    }

    /** Statement ids come from the gateway: keep the file name safe whatever they hold. */
    private static String fileName(String statementId) {
        StringBuilder name = new StringBuilder();
        for (char c : statementId.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) || c == '-' ? c : '_');
        }
        return name + "-" + Integer.toHexString(statementId.hashCode()) + ".events";
    }
}
