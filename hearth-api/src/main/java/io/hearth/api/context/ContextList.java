package io.hearth.api.context;

import java.util.List;

/** Every context, by name. */
public record ContextList(List<ContextInfo> contexts) {
    public ContextList {
        contexts = List.copyOf(contexts);
    }
}
