/**
 * The job SPI: implement {@link io.hearth.api.spi.HearthJob}, compile against {@code hearth-api}
 * with Spark {@code provided}, and upload the jar.
 */
package io.hearth.api.spi;
