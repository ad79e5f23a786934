package io.hearth.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.api.event.HearthEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks what a consumer received the way a consumer should read it: repeats dropped by sequence. */
final class EventOrder {
    private EventOrder() {}

    /** The sequences received per resource, each event kept only if newer than the last kept. */
    static Map<String, List<Long>> deduplicated(List<HearthEvent> received) {
        Map<String, List<Long>> byResource = new LinkedHashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (HearthEvent event : received) {
            long seen = last.getOrDefault(event.id(), 0L);
            if (event.sequence() > seen) {
                byResource.computeIfAbsent(event.id(), id -> new ArrayList<>()).add(event.sequence());
                last.put(event.id(), event.sequence());
            }
        }
        return byResource;
    }

    /**
     * Every expected event arrived, and per resource in order: once repeats are dropped, each
     * resource's sequences are exactly those appended (a gap would mean one was lost, or arrived out
     * of order and was dropped as a repeat).
     */
    static void assertAllInOrder(List<HearthEvent> received, Map<String, List<Long>> appended) {
        assertThat(deduplicated(received)).isEqualTo(appended);
    }

    /** Whether every appended event has arrived at least once. */
    static boolean allArrived(List<HearthEvent> received, Map<String, List<Long>> appended) {
        return received.stream().map(HearthEvent::sequence).distinct().count()
                >= appended.values().stream().mapToLong(List::size).sum();
    }
}
