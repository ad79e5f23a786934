package io.hearth.api.context;

/**
 * Who shares an engine of a context. The engine key is (context, share level, subject), the
 * subject being what this level names.
 */
public enum ShareLevel {
    /** An engine per session (or per ad-hoc statement or job), stopped when that ends. */
    CONNECTION,
    /** One engine per user. */
    USER,
    /** One engine per primary group (the user's own name when they have no group). */
    GROUP,
    /** Engines shared by everyone. */
    SERVER
}
