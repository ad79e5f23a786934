package io.hearth.api.context;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A context as {@code GET /v1/contexts/{name}} shows it, every default filled in.
 *
 * @param source {@code configuration} for the {@code default} context (read-only through the API),
 *     {@code api} for contexts made with {@code POST /v1/contexts}
 * @param idleTimeout and {@code startTimeout}: seconds, as {@code "1800s"}
 * @param createdBy who made it ({@code null} for the configured one)
 * @param acl who may use and change it, defaults filled in (the configured {@code default}: used by
 *     everyone, changed by nobody through the API)
 * @param inherited the fields (as named in JSON) the context's definition leaves out, so their
 *     values above are the gateway's defaults and follow them when the configuration changes; a
 *     {@code PUT} that sends such a value back pins it. Empty for the configured {@code default}
 */
public record ContextInfo(
        String name,
        ShareLevel shareLevel,
        String master,
        String driverMemory,
        Map<String, String> sparkConf,
        List<String> jars,
        int minIdle,
        int maxEngines,
        String idleTimeout,
        int maxConcurrentPerEngine,
        String startTimeout,
        String source,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        ContextAcl acl,
        List<String> inherited) {
    public ContextInfo {
        inherited = inherited == null ? List.of() : List.copyOf(inherited);
    }
}
