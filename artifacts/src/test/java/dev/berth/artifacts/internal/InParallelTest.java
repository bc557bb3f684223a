package dev.berth.artifacts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InParallelTest {
  @Test
  void resultsKeepTheItemsOrderAndStepsRunOnSeveralThreads() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> out = InParallel.map(List.of(1, 2, 3), 3, i -> {
      threads.add(Thread.currentThread());
      allStarted.countDown();
      try {
        // Each step waits for the others to start: only side-by-side steps get past this.
        assertTrue(allStarted.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      return i * 10;
    });
    assertEquals(List.of(10, 20, 30), out);
    assertEquals(3, threads.size());
  }

  @Test
  void oneItemRunsOnTheCallersThread() throws IOException {
    String caller = Thread.currentThread().getName();
    assertEquals(List.of(caller), InParallel.map(List.of("x"), 5, x -> Thread.currentThread().getName()));
  }

  @Test
  void theFirstFailureIsThrownOnlyOnceNoStepStillRuns() {
    IOException boom = new IOException("boom");
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    IOException thrown = assertThrows(IOException.class, () -> InParallel.map(List.of("slow", "fail"), 2, item -> {
      running.incrementAndGet();
      try {
        if (item.equals("fail")) {
          assertTrue(slowStarted.await(30, TimeUnit.SECONDS));
          throw boom;
        }
        slowStarted.countDown();
        // Waits for the interrupt that follows the other step's failure (nothing counts this latch down).
        assertFalse(new CountDownLatch(1).await(60, TimeUnit.SECONDS), "the slow step was never interrupted");
        return item;
      } catch (InterruptedException e) {
        return item;
      } finally {
        running.decrementAndGet();
      }
    }));
    assertSame(boom, thrown);
    assertEquals(0, running.get(), "a step still ran after the failure was thrown");
  }
}
