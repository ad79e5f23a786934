package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ShareLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A context as the pool uses it: how its engines are launched and how many it keeps.
 *
 * @param master Spark's master URL for its engines
 * @param driverMemory the engine JVM's heap
 * @param sparkConf Spark conf on top of {@code engine.conf.*}
 * @param jars jar files put on its engines' classpath ({@code spark.jars})
 * @param minIdle engines kept started and unassigned, ready for the next subject
 * @param maxEngines the most live engines it may have
 * @param idleTimeout how long an assigned engine without work or sessions lives
 * @param maxConcurrentPerEngine statements and jobs placed on one engine at once
 * @param startTimeout how long a request waits for an engine of it, queue and start together
 */
public record EngineContext(
        String name,
        ShareLevel shareLevel,
        String master,
        String driverMemory,
        Map<String, String> sparkConf,
        List<Path> jars,
        int minIdle,
        int maxEngines,
        Duration idleTimeout,
        int maxConcurrentPerEngine,
        Duration startTimeout) {

    public static final String DEFAULT = "default";

    public EngineContext {
        requireNonNull(name, "name is null");
        requireNonNull(shareLevel, "shareLevel is null");
        requireNonNull(master, "master is null");
        requireNonNull(driverMemory, "driverMemory is null");
        sparkConf = Map.copyOf(sparkConf);
        jars = List.copyOf(jars);
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(startTimeout, "startTimeout is null");
        if (minIdle < 0 || maxEngines < 1 || maxConcurrentPerEngine < 1 || minIdle > maxEngines) {
            throw new IllegalArgumentException("context " + name + ": 0 <= min-idle <= max-engines, and"
                    + " max-engines and max-concurrent-per-engine >= 1 required");
        }
    }

    /**
     * Whether an engine launched for {@code other} is the same program as one launched for this:
     * same master, heap, conf and jars (pool sizes and timeouts may differ).
     */
    boolean launchesLike(EngineContext other) {
        return name.equals(other.name)
                && master.equals(other.master)
                && driverMemory.equals(other.driverMemory)
                && sparkConf.equals(other.sparkConf)
                && jars.equals(other.jars)
                && shareLevel == other.shareLevel;
    }
}
