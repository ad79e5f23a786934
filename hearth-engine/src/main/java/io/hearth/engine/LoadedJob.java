package io.hearth.engine;

import static java.util.Objects.requireNonNull;

import io.hearth.api.spi.HearthJob;

/**
 * A job class loaded from an artifact, checked to implement the SPI, with the types it declares.
 *
 * @param resultType the declared result type as Java writes it, e.g. {@code java.lang.Long}
 */
record LoadedJob(
        Class<? extends HearthJob<?, ?>> jobClass,
        Class<? extends Record> parametersType,
        String resultType,
        ClassLoader loader) {
    LoadedJob {
        requireNonNull(jobClass, "jobClass is null");
        requireNonNull(parametersType, "parametersType is null");
        requireNonNull(resultType, "resultType is null");
        requireNonNull(loader, "loader is null");
    }
}
