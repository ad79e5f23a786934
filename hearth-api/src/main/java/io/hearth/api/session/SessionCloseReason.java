package io.hearth.api.session;

/** Why a session was closed. */
public enum SessionCloseReason {
    /** Its owner closed it ({@code DELETE /v1/sessions/{id}}). */
    REQUESTED,
    /** No statement ran in it for longer than {@code session.idle-timeout}. */
    IDLE,
    /** The engine it lived on was lost or stopped; its SparkSession went with it. */
    ENGINE_LOST,
    /** The gateway restarted; engines do not outlive the gateway yet. */
    GATEWAY_RESTARTED
}
