/**
 * The Java SDK of Hearth: {@link io.hearth.client.HearthClient} is where to start. Requests and
 * answers are {@code io.hearth.api} records, shared with the gateway.
 */
package io.hearth.client;
