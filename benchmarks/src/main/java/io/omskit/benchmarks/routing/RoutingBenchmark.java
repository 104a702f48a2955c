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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per routing decision: min_cost (exact or bounded search) against its peer, an ojalgo MIP of the same
 * model, and the priority and distance walks as baselines, on generated US networks of locations x lines.
 * Sample mode gives the median and p99. Each invocation routes the next of 64 pre-built orders. A JMH state
 * per thread; not thread-safe.
 *
 * <p>Warm-up is 16 s by default: C2 compiles {@code min_cost}'s rarer paths (the pair certificate, a method of 2 KB
 * of bytecode that only a few orders in ten reach) 7 to 10 s into a run on this 2-vCPU machine, so a shorter warm-up
 * measures them in C1's code and inflates the mean and the tail of {@code min_cost} alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {
    @Param({"50x5", "200x5", "1000x10", "5000x20", "zip1000x10"})
    public String size;

    @Param({"min_cost", "mip", "priority", "distance"})
    public String strategy;

    private List<RoutingRequest> requests;
    private int next;
    private final Router router = Router.standard();

    @Setup(Level.Trial)
    public void setUp() {
        requests = requests(size, "mip".equals(strategy) ? "min_cost" : strategy, 64);
    }

    static List<RoutingRequest> requests(String size, String strategy, int count) {
        boolean zip = size.startsWith("zip");
        String[] nm = (zip ? size.substring(3) : size).split("x");
        Networks net = Networks.generate(Integer.parseInt(nm[0]), zip, 42L);
        return net.orders(strategy, count, Integer.parseInt(nm[1]));
    }

    @Benchmark
    public Object route() {
        RoutingRequest r = requests.get(next);
        next = (next + 1) & 63;
        if ("mip".equals(strategy)) {
            return MipRouter.solve(r);
        }
        RoutingPlan plan = router.route(r);
        return plan;
    }
}
