package io.hearth.engine;

import java.util.concurrent.CountDownLatch;

/** Raised once by a Shutdown call or the orphan watchdog; the main thread waits for it and stops the engine. */
final class ShutdownSignal {
    private final CountDownLatch raised = new CountDownLatch(1);

    void raise() {
        raised.countDown();
    }

    void await() throws InterruptedException {
        raised.await();
    }
}
