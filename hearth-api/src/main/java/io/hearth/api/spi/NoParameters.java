package io.hearth.api.spi;

/** The parameters of a job that takes none: its schema is an empty object. */
public record NoParameters() {}
