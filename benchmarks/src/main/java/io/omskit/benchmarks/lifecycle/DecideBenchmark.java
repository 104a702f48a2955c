package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.OrderShape;
import io.omskit.core.OrderCommand;
import io.omskit.core.OrderDecider;
import io.omskit.spi.model.OrderSnapshot;
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
 * One {@code decide} call per operation, per transition kind, each from a prepared snapshot of a realistic
 * 3-line order (cycling over 64 orders); average time per call. {@code table} is the floor in the same run:
 * one enum-table transition over a tiny record.
 *
 * <p>A JMH state with {@code Scope.Thread}: one instance per benchmark thread, not thread-safe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DecideBenchmark {
    private static final int ORDERS = 64;

    @Param({"place", "authorize", "fraud_accept", "allocate", "release", "pick", "pack", "ship", "deliver",
            "capture", "table"})
    public String kind;

    private OrderDecider decider;
    private OrderSnapshot[] before;
    private OrderCommand[] commands;
    private EnumTablePeer.Tiny[] tiny;
    private PeerModel.Step[] steps;
    private boolean table;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        decider = OrderDecider.standard();
        table = kind.equals("table");
        OrderShape[] shapes = PeerModel.shapes(ORDERS, 10_000, 20261126L);
        before = new OrderSnapshot[ORDERS];
        commands = new OrderCommand[ORDERS];
        tiny = new EnumTablePeer.Tiny[ORDERS];
        steps = new PeerModel.Step[ORDERS];
        int k = Math.max(0, OmskitLifecycle.KINDS.indexOf(kind));
        for (int i = 0; i < ORDERS; i++) {
            OmskitLifecycle order = OmskitLifecycle.of(shapes[i]);
            List<OrderSnapshot> snapshots = order.snapshotsBefore(decider, new int[OmskitLifecycle.KINDS.size()]);
            before[i] = snapshots.get(k);
            commands[i] = order.command(k);
            steps[i] = PeerModel.STEPS[i % PeerModel.STEPS.length];
            tiny[i] = new EnumTablePeer.Tiny(PeerModel.from(steps[i]), 1 + i % PeerModel.STEPS.length);
        }
        for (int i = 0; i < ORDERS; i++) {
            if (!table) {
                OmskitLifecycle.accepted(decider.decide(before[i], commands[i]), k);
            }
        }
    }

    @Benchmark
    public Object decide() {
        int i = next++ & (ORDERS - 1);
        if (!table) {
            return decider.decide(before[i], commands[i]);
        }
        return EnumTablePeer.apply(tiny[i], steps[i]);
    }

}
