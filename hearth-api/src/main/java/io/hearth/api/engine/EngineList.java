package io.hearth.api.engine;

import java.util.List;

/** The engines this gateway supervises. */
public record EngineList(List<EngineInfo> engines) {
    public EngineList {
        engines = List.copyOf(engines);
    }
}
