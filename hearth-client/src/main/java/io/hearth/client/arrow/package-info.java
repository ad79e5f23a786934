/**
 * Results as Arrow record batches; needs Arrow on the caller's classpath (an optional dependency
 * of {@code hearth-client}).
 */
package io.hearth.client.arrow;
