package io.hearth.server.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.api.event.HearthEvent;
import io.hearth.server.http.Json;
import java.io.UncheckedIOException;

/** The one JSON form of an event, the same on every channel (docs/events.md). */
public final class EventJson {
    private static final ObjectMapper MAPPER = Json.newMapper();

    private EventJson() {}

    public static byte[] toBytes(HearthEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.sequence(), e);
        }
    }

    public static String toJson(HearthEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.sequence(), e);
        }
    }

    public static HearthEvent fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, HearthEvent.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot read an event", e);
        }
    }
}
