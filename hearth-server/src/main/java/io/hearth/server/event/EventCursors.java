package io.hearth.server.event;

import java.util.OptionalLong;

/** How far each channel has published, kept in the store so a restart goes on where it stopped. */
public interface EventCursors {
    /** The channel's cursor, empty before its first start. */
    OptionalLong find(String channel);

    /** Creates the channel's cursor at {@code sequence} unless it exists. */
    void createIfAbsent(String channel, long sequence);

    /** Moves the cursor from {@code expected} to {@code next}; false when another gateway moved it first. */
    boolean advance(String channel, long expected, long next);
}
