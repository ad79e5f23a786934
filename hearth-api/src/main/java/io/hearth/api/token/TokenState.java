package io.hearth.api.token;

/** Whether an API token still authenticates. */
public enum TokenState {
    /** It authenticates until it expires or is revoked. */
    ACTIVE,
    /** Its expiry passed; it no longer authenticates. */
    EXPIRED,
    /** Its owner (or an admin) revoked it; it no longer authenticates. */
    REVOKED
}
