package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.OrderShape;
import io.omskit.benchmarks.lifecycle.PeerModel.PeerOrder;
import io.omskit.core.OrderDecider;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.OrderSnapshot;
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
 * The whole happy-path lifecycle of one realistic 3-line order (place, authorize, fraud accept, allocate,
 * release, pick, pack, ship, deliver) on omskit's pure {@code decide} and on its peers, one order per
 * operation (ops/s = orders/s):
 * <ul>
 *   <li>{@code omskit}: 9 {@code decide} calls, each producing a new immutable snapshot and its events;</li>
 *   <li>{@code omskit_capture}: the same plus the capture, so that the order reaches COMPLETED (10 calls);</li>
 *   <li>{@code spring_new}: Spring Statemachine 4.0.1, a new machine per order from a prepared builder;</li>
 *   <li>{@code spring_factory}: Spring, a new machine per order from a factory made once from that builder;</li>
 *   <li>{@code spring_reused}: Spring, one machine stopped, reset to PLACED and started between orders;</li>
 *   <li>{@code squirrel}: squirrel-foundation 0.3.10, builder prepared once, a new machine per order;</li>
 *   <li>{@code enum_table}: the floor, an enum table lookup and a tiny record per transition.</li>
 * </ul>
 * The peers run the same 8 events with a guard and an action each over a mutable per-order object that tracks
 * quantities per line and the payment ({@link PeerModel.PeerOrder}). Orders cycle over 64 prepared 3-line
 * orders with Zipf SKU popularity.
 *
 * <p>A JMH state with {@code Scope.Thread}: one instance per benchmark thread, not thread-safe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LifecycleBenchmark {
    private static final int ORDERS = 64;

    @Param({"omskit", "omskit_capture", "spring_new", "spring_factory", "spring_reused", "squirrel", "enum_table"})
    public String impl;

    private OrderShape[] shapes;
    private OmskitLifecycle[] omskit;
    private PeerModel.OrderInput[] inputs;
    private OrderDecider decider;
    private SpringPeer spring;
    private SquirrelPeer squirrel;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        shapes = PeerModel.shapes(ORDERS, 10_000, 20261126L);
        omskit = new OmskitLifecycle[ORDERS];
        inputs = new PeerModel.OrderInput[ORDERS];
        decider = OrderDecider.standard();
        for (int i = 0; i < ORDERS; i++) {
            omskit[i] = OmskitLifecycle.of(shapes[i]);
            inputs[i] = shapes[i].peerInput();
        }
        if (impl.startsWith("spring")) {
            spring = new SpringPeer();
        } else if (impl.equals("squirrel")) {
            squirrel = new SquirrelPeer();
        }
        // fail fast if an implementation does not reach the end of the lifecycle
        for (int i = 0; i < ORDERS; i++) {
            order();
        }
        OrderSnapshot s = omskit[0].run(decider, OmskitLifecycle.LIFECYCLE);
        if (s.units(Bucket.DELIVERED) != s.lines().stream().mapToInt(l -> l.quantity()).sum()) {
            throw new IllegalStateException("omskit lifecycle did not deliver every unit");
        }
    }

    @Benchmark
    public Object order() {
        int i = next++ & (ORDERS - 1);
        switch (impl) {
            case "omskit":
                return omskit[i].run(decider, OmskitLifecycle.LIFECYCLE);
            case "omskit_capture":
                return omskit[i].run(decider, OmskitLifecycle.LIFECYCLE + 1);
            case "spring_new":
                return spring.newMachinePerOrder(new PeerOrder(inputs[i]));
            case "spring_factory":
                return spring.factoryMachinePerOrder(new PeerOrder(inputs[i]));
            case "spring_reused":
                return spring.reusedMachine(new PeerOrder(inputs[i]));
            case "squirrel":
                return squirrel.newMachinePerOrder(new PeerOrder(inputs[i]));
            case "enum_table":
                return EnumTablePeer.lifecycle();
            default:
                throw new IllegalArgumentException("unknown implementation " + impl);
        }
    }
}
