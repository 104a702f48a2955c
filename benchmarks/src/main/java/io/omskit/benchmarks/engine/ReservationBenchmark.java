package io.omskit.benchmarks.engine;

import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reservations of one unit of one hot SKU at one location on {@code InMemoryInventoryStore}, each with a new
 * reservation id, on 1 and 2 threads; {@code locked_counter} is the floor in the same run: the same
 * check-and-add under one {@link ReentrantLock}, with no ids and no bookkeeping. The store keeps every
 * reservation (idempotency), so a fresh one is made before each iteration.
 *
 * <p>A JMH state with {@code Scope.Benchmark}: shared by the benchmark threads; the store and the lock-guarded
 * counter are the thread-safe parts, the rest is set before the threads start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g"})
public class ReservationBenchmark {
    private static final LocationId DC = LocationId.of("DC-1");
    private static final Sku HOT = Sku.of("SKU-00000");
    private static final Map<Sku, Integer> ONE = Map.of(HOT, 1);

    @Param({"in_memory_store", "locked_counter"})
    public String store;

    private InMemoryInventoryStore inventory;
    private final ReentrantLock lock = new ReentrantLock();
    private final int[] level = new int[2];
    private final AtomicLong ids = new AtomicLong();
    private boolean counter;

    @Setup(Level.Iteration)
    public void newStore() {
        counter = store.equals("locked_counter");
        inventory = new InMemoryInventoryStore();
        inventory.setOnHand(DC, HOT, Integer.MAX_VALUE);
        level[0] = Integer.MAX_VALUE;
        level[1] = 0;
    }

    private boolean reserve() {
        if (counter) {
            lock.lock();
            try {
                if (level[0] - level[1] < 1) {
                    return false;
                }
                level[1]++;
                return true;
            } finally {
                lock.unlock();
            }
        }
        return inventory.reserve("R" + ids.incrementAndGet(), DC, ONE).reserved();
    }

    @Benchmark
    @Threads(1)
    public boolean reserve_1thread() {
        return reserve();
    }

    @Benchmark
    @Threads(2)
    public boolean reserve_2threads() {
        return reserve();
    }
}
