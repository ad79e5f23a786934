package io.hearth.server.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.context.ShareLevel;
import java.util.Optional;

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

    /**
     * The key written by {@link #toString}; empty for a warm engine's ({@code context:LEVEL:}) or a
     * text that is not a key.
     */
    static Optional<EngineKey> parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EngineKey(parts[0], ShareLevel.valueOf(parts[1]), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return context + ":" + shareLevel + ":" + subject;
    }
}
