package io.hearth.server.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLanesTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SessionLanes lanes = new SessionLanes(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void runsASessionsTasksOneAtATimeInTheOrderTheyWereAccepted() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            int task = i;
            lanes.accept("s1", lane -> {
                lane.execute(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.yield();
                    order.add(task);
                    running.decrementAndGet();
                    done.countDown();
                });
                return task;
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(mostAtOnce.get()).isEqualTo(1);
        awaitNoLanes();
    }

    @Test
    void otherSessionsAreNotHeldUpByABlockedOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        lanes.accept("blocked", lane -> {
            lane.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return null;
        });
        lanes.accept("free", lane -> {
            lane.execute(otherRan::countDown);
            return null;
        });

        assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        awaitNoLanes();
    }

    @Test
    void acceptingWithoutQueueingLeavesNoLane() {
        String answer = lanes.accept("s1", lane -> "stored, already known");
        assertThat(answer).isEqualTo("stored, already known");
        assertThat(lanes.activeLanes()).isZero();
    }

    private void awaitNoLanes() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lanes.activeLanes() > 0) {
            assertThat(System.nanoTime()).as("lanes forgotten in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
