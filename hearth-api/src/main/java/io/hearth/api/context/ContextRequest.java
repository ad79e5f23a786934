package io.hearth.api.context;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/contexts} (a new context) and {@code PUT /v1/contexts/{name}} (its
 * whole new definition). Only {@code name} is required on POST; every other field falls back to
 * the server's engine defaults.
 *
 * @param name letters, digits, '-' and '_', 1 to 64 characters; on PUT, absent or the path's name
 * @param shareLevel who shares its engines (default the {@code default} context's)
 * @param master Spark's master URL, e.g. {@code spark://host:7077} (default {@code engine.master})
 * @param driverMemory the engine JVM's heap, e.g. {@code 4g} (default {@code engine.driver-memory})
 * @param sparkConf more Spark conf for its engines, e.g. {@code spark.executor.memory}
 * @param jars ids of uploaded artifacts put on its engines' classpath
 * @param minIdle engines kept started and unused, ready for the next subject (default 0)
 * @param maxEngines the most engines it may run at once (default {@code engine.max-total})
 * @param idleTimeout how long an unused engine lives, e.g. {@code 30m}
 * @param maxConcurrentPerEngine statements and jobs one engine runs at once
 * @param startTimeout how long a request may wait for an engine (queue and start), e.g. {@code 2m}
 * @param acl who may use and change it (default: everyone uses it, its creator changes it); on
 *     {@code PUT}, absent keeps the current one
 */
public record ContextRequest(
        String name,
        ShareLevel shareLevel,
        String master,
        String driverMemory,
        Map<String, String> sparkConf,
        List<String> jars,
        Integer minIdle,
        Integer maxEngines,
        String idleTimeout,
        Integer maxConcurrentPerEngine,
        String startTimeout,
        ContextAcl acl) {

    public ContextRequest {
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        jars = jars == null ? List.of() : List.copyOf(jars);
    }

    /** The same definition with another ACL (null: none given). */
    public ContextRequest withAcl(ContextAcl newAcl) {
        return new ContextRequest(
                name,
                shareLevel,
                master,
                driverMemory,
                sparkConf,
                jars,
                minIdle,
                maxEngines,
                idleTimeout,
                maxConcurrentPerEngine,
                startTimeout,
                newAcl);
    }
}
