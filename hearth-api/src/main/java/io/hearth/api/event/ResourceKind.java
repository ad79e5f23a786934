package io.hearth.api.event;

import java.util.Locale;

/** The kinds of resources that emit events. */
public enum ResourceKind {
    STATEMENT,
    JOB,
    BATCH,
    STREAM,
    SESSION,
    ENGINE;

    /** The lower-case name used in MQTT topics and paths: {@code statement}, {@code job}, ... */
    public String topicName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
