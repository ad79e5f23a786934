package io.hearth.server.store;

import java.time.Instant;

/** Instants as the store keeps them: BIGINT microseconds since the epoch, finer digits dropped. */
final class Micros {
    private static final long PER_SECOND = 1_000_000L;

    private Micros() {}

    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000L);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000L);
    }
}
