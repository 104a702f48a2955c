package io.omskit.benchmarks.routing;

import io.omskit.routing.Router;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch throughput: 1,000 orders routed against shared stock (each order sees what earlier ones took) on the
 * 200-location network with 5 lines per order; the score is orders per second. The priority walk is the
 * baseline. A JMH state per thread; not thread-safe. Warm-up 16 s, as {@link RoutingBenchmark}'s (C2 compiles the
 * optimizer's rarer paths 7 to 10 s into a run on this machine).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBatchBenchmark {
    static final int ORDERS = 1_000;

    @Param({"min_cost", "priority"})
    public String strategy;

    private List<RoutingRequest> batch;
    private final Router router = Router.standard();

    @Setup(Level.Trial)
    public void setUp() {
        batch = RoutingBenchmark.requests("200x5", strategy, ORDERS);
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS)
    public List<RoutingPlan> batch() {
        return router.routeBatch(batch);
    }
}
