package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ShareLevel;

/**
 * What an engine serves: work of one context, at its share level, for one subject (a session or a
 * single piece of work at CONNECTION, a user at USER, a group at GROUP, {@code *} at SERVER).
 */
public record EngineKey(String context, ShareLevel shareLevel, String subject) {
    static final String EVERYONE = "*";

    public EngineKey {
        requireNonNull(context, "context is null");
        requireNonNull(shareLevel, "shareLevel is null");
        requireNonNull(subject, "subject is null");
    }

    /** The key work of this request gets in this context. */
    static EngineKey of(EngineContext context, EngineRequest request) {
        String subject = switch (context.shareLevel()) {
            case CONNECTION -> request.connection();
            case USER -> request.principal().name();
            case GROUP -> request.principal().primaryGroup();
            case SERVER -> EVERYONE;
        };
        return new EngineKey(context.name(), context.shareLevel(), subject);
    }

    @Override
    public String toString() {
        return context + ":" + shareLevel + ":" + subject;
    }
}
