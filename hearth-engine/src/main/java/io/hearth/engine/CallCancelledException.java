package io.hearth.engine;

/** The gateway went away: nobody is left to tell, so the run just stops. */
final class CallCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallCancelledException() {
        super("the gateway cancelled the call", null, false, false);
    }
}
