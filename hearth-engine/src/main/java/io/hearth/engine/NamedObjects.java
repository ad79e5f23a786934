package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.protocol.v1.ListObjectsResponse;
import io.hearth.protocol.v1.NamedObject;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Datasets jobs kept on this engine by name, for later jobs (spark-jobserver's named objects).
 * They live as long as the engine: nothing is written anywhere.
 */
final class NamedObjects {
    static final int MAX_NAME_LENGTH = 200;

    private final Clock clock;
    private final Map<String, Entry> objects = new ConcurrentHashMap<>();

    NamedObjects(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Keeps and caches a Dataset; one kept under the name before is uncached. */
    void persist(String name, Dataset<Row> dataset, String jobId) {
        checkName(name);
        requireNonNull(dataset, "dataset is null");
        dataset.persist();
        Entry previous = objects.put(name, new Entry(dataset, clock.millis(), jobId));
        if (previous != null && previous.dataset() != dataset) {
            previous.dataset().unpersist(false);
        }
    }

    Optional<Dataset<Row>> find(String name) {
        checkName(name);
        return Optional.ofNullable(objects.get(name)).map(Entry::dataset);
    }

    boolean remove(String name) {
        checkName(name);
        Entry removed = objects.remove(name);
        if (removed == null) {
            return false;
        }
        removed.dataset().unpersist(false);
        return true;
    }

    ListObjectsResponse list() {
        ListObjectsResponse.Builder response = ListObjectsResponse.newBuilder();
        objects.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> response.addObjects(NamedObject.newBuilder()
                        .setName(entry.getKey())
                        .setKind("DATASET")
                        .setType(entry.getValue().dataset().schema().sql())
                        .setCreatedAtEpochMillis(entry.getValue().createdAtMillis())
                        .setCreatedBy(entry.getValue().createdBy())));
        return response.build();
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "a named object's name must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
    }

    private record Entry(Dataset<Row> dataset, long createdAtMillis, String createdBy) {}
}
