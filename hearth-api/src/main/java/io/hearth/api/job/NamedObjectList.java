package io.hearth.api.job;

import java.util.List;

/** The named objects on one engine, by name; they go when the engine stops. */
public record NamedObjectList(String engineId, List<NamedObjectInfo> objects) {
    public NamedObjectList {
        objects = List.copyOf(objects);
    }
}
