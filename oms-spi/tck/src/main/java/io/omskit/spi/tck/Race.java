package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks on real threads released together, and waits for them within a bound. Not thread-safe itself:
 * use it from the test thread.
 */
final class Race {
    /** What one contender returned or threw. */
    record Outcome<T>(T value, Throwable error) {
        boolean succeeded() {
            return error == null;
        }
    }

    /** The longest a race may take before the test fails. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private Race() {
    }

    /**
     * Starts {@code contenders} tasks made by {@code task} (given the contender's index) so that they begin at
     * the same moment, and returns their outcomes in index order. Fails the test if they do not finish within
     * {@link #BOUND}.
     */
    static <T> List<Outcome<T>> run(int contenders, IntFunction<Callable<T>> task) {
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch ready = new CountDownLatch(contenders);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(contenders);
            for (int i = 0; i < contenders; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new TimeoutException("start signal not given");
                    }
                    return c.call();
                }));
            }
            assertThat(await(ready)).as("all %d contenders ready within %s", contenders, BOUND).isTrue();
            start.countDown();
            long deadline = System.nanoTime() + BOUND.toNanos();
            List<Outcome<T>> outcomes = new ArrayList<>(contenders);
            for (Future<T> f : futures) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    outcomes.add(new Outcome<>(f.get(left, TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("a contender did not finish within " + BOUND, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for contenders", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
