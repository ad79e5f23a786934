package io.hearth.server.messaging;

import io.hearth.api.event.HearthEvent;

/**
 * MQTT topic names of events: {@code <prefix>/<owner>/<kind>/<id>}. The owner and the id come
 * from users, and MQTT gives {@code /} (level separator), {@code +} and {@code #} (wildcards,
 * forbidden in a published topic) and NUL a meaning, so those levels are percent-escaped: {@code
 * %} becomes {@code %25}, {@code /} {@code %2F}, {@code +} {@code %2B}, {@code #} {@code %23} and
 * NUL {@code %00}. A name without these characters is its own topic level.
 */
final class MqttTopics {
    /** The owner level of events answering a request whose credentials were not accepted. */
    static final String REJECTED_OWNER = "_rejected";

    private MqttTopics() {}

    static String eventTopic(String prefix, HearthEvent event) {
        return prefix + "/" + escape(event.owner()) + "/" + event.kind().topicName() + "/" + escape(event.id());
    }

    static String escape(String level) {
        StringBuilder escaped = null;
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            String replacement = switch (c) {
                case '%' -> "%25";
                case '/' -> "%2F";
                case '+' -> "%2B";
                case '#' -> "%23";
                case '\0' -> "%00";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(level.length() + 8).append(level, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? level : escaped.toString();
    }
}
