package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.engine.EngineInfo;
import io.hearth.api.engine.EngineList;
import io.hearth.api.job.NamedObjectList;
import java.util.List;
import java.util.Map;

/** The Spark engines the gateway supervises. Obtained from {@link HearthClient#engines()}; thread-safe. */
public final class Engines {
    private final RestTransport transport;

    Engines(RestTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /** Every engine, running or recently ended. */
    public List<EngineInfo> list() {
        return transport.send("GET", "/v1/engines", null, EngineList.class).engines();
    }

    /** One engine; a {@link HearthClientException} with {@code NOT_FOUND} if there is none. */
    public EngineInfo find(String engineId) {
        return transport.send("GET", path(engineId), null, EngineInfo.class);
    }

    /** Stops an engine (its running statements fail with {@code ENGINE_LOST}). */
    public EngineInfo stop(String engineId) {
        return transport.send("DELETE", path(engineId), null, EngineInfo.class);
    }

    /** The last {@code lines} lines (1 to 10000) of the engine's output. */
    public String log(String engineId, int lines) {
        return transport.text(RestTransport.withQuery(path(engineId) + "/log", Map.of("lines", lines)));
    }

    /**
     * The named objects jobs kept on an engine ({@code JobContext.persist}), by name; empty for an
     * engine that has ended.
     */
    public NamedObjectList objects(String engineId) {
        return transport.send("GET", path(engineId) + "/objects", null, NamedObjectList.class);
    }

    private static String path(String engineId) {
        return "/v1/engines/" + RestTransport.segment(engineId);
    }
}
