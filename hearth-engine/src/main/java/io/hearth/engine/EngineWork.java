package io.hearth.engine;

/** One run of a statement or a job on a statement thread; it reports its own outcome as events. */
interface EngineWork {
    void run() throws InterruptedException;
}
