package io.hearth.bench;

import java.io.OutputStream;

/** Discards what is written: drains the tail of a response so it is counted and the connection reused. */
final class OutputStreamSink extends OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    private OutputStreamSink() {}

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] buffer, int offset, int length) {}
}
