package io.hearth.api.batch;

/**
 * Why a batch failed.
 *
 * @param errorCode a Hearth {@link io.hearth.api.ErrorCode} name: {@code APPLICATION_FAILED},
 *     {@code LAUNCH_FAILED} or {@code GATEWAY_RESTARTED}
 * @param message for a person: the exit status and the application's exception, when it printed one
 */
public record BatchError(String errorCode, String message) {}
