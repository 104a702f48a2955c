package io.omskit.benchmarks.engine;

import io.omskit.spi.model.OrderSnapshot;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Complete 8-stage orders per second through {@code OrderService} with the in-memory adapters and the omskit
 * router (see {@link EngineFixture}), on 1 and 2 threads sharing one engine. The in-memory stores keep every
 * order, event, reservation and idempotency key, so each iteration gets a fresh engine to keep the heap bounded;
 * the engines are built and stocked at trial set-up, so that stocking 35,000 SKU-locations does not count in any
 * iteration (switching to the next one is a field write). {@code strategy} is the routing strategy.
 *
 * <p>Warm-up is long on purpose (ten iterations of 3 s): C2 needs 20 to 40 s on this 2-vCPU machine to compile
 * the engine, the router and the adapters (the JIT time per window that {@link EngineProbe} prints falls to zero
 * only then), and a measurement iteration during which the compilers still run measures the compilers as much as
 * the engine. Ten warm-up and five measurement iterations use 15 of the {@value #PREPARED} prepared engines.
 *
 * <p>A JMH state with {@code Scope.Benchmark}: shared by the benchmark threads, which is safe because the engine
 * is thread-safe and order ids come from an {@link AtomicLong}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g"})
public class EngineBenchmark {
    @Param({"distance", "min_cost"})
    public String strategy;

    /** Engines prepared at trial set-up: one per iteration of a run with up to 16 warm-up + measurement iterations. */
    private static final int PREPARED = 16;

    private final Deque<EngineFixture> prepared = new ArrayDeque<>();
    private EngineFixture engine;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void prepareEngines() {
        for (int i = 0; i < PREPARED; i++) {
            EngineFixture e = new EngineFixture(strategy);
            e.lifecycle(ids.incrementAndGet());
            prepared.add(e);
        }
    }

    @Setup(Level.Iteration)
    public void nextEngine() {
        EngineFixture e = prepared.poll();
        engine = e != null ? e : new EngineFixture(strategy);
    }

    @Benchmark
    @Threads(1)
    public OrderSnapshot orders_1thread() {
        return engine.lifecycle(ids.incrementAndGet());
    }

    @Benchmark
    @Threads(2)
    public OrderSnapshot orders_2threads() {
        return engine.lifecycle(ids.incrementAndGet());
    }
}
