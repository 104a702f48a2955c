package io.omskit.benchmarks.lifecycle;

import io.omskit.core.OrderDecider;
import io.omskit.spi.model.OrderSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Thread CPU time per lifecycle order (or per {@code decide} of each kind), the minimum and the median over many
 * rounds: a companion to {@link LifecycleBenchmark} and {@link DecideBenchmark} for a shared machine, where other
 * processes make JMH's wall-clock throughput swing by tens of percent while the minimum thread CPU of many rounds
 * barely moves. Same orders as the JMH benchmarks (64 realistic 3-line orders, seed 20261126).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.lifecycle.LifecycleCpuProbe omskit 20
 * java -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.lifecycle.LifecycleCpuProbe squirrel 20
 * java -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.lifecycle.LifecycleCpuProbe versus 30
 * java -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.lifecycle.LifecycleCpuProbe versus-spring 20
 * java -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.lifecycle.LifecycleCpuProbe kinds 8
 * </pre>
 *
 * <p>A command-line tool; prints one line per figure. Not thread-safe (one thread).
 */
public final class LifecycleCpuProbe {
    private static final int ORDERS = 64;

    private LifecycleCpuProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args {@code omskit|squirrel|versus|versus-spring|kinds} and the number of rounds (default 20)
     */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "omskit";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        PeerModel.OrderShape[] shapes = PeerModel.shapes(ORDERS, 10_000, 20261126L);
        OrderDecider decider = OrderDecider.standard();
        OmskitLifecycle[] lifecycles = new OmskitLifecycle[ORDERS];
        PeerModel.OrderInput[] inputs = new PeerModel.OrderInput[ORDERS];
        for (int i = 0; i < ORDERS; i++) {
            lifecycles[i] = OmskitLifecycle.of(shapes[i]);
            inputs[i] = shapes[i].peerInput();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        switch (what) {
            case "omskit": {
                long[] ns = rounds(threads, rounds, 200_000, k -> lifecycles[k & (ORDERS - 1)]
                        .run(decider, OmskitLifecycle.LIFECYCLE));
                print("omskit lifecycle, ns per order", ns);
                break;
            }
            case "squirrel": {
                SquirrelPeer squirrel = new SquirrelPeer();
                long[] ns = rounds(threads, rounds, 40_000, k -> squirrel.newMachinePerOrder(
                        new PeerModel.PeerOrder(inputs[k & (ORDERS - 1)])));
                print("squirrel lifecycle, ns per order", ns);
                break;
            }
            case "versus":
            case "versus-spring": {
                // omskit and the peer's rounds in turn, so that both see the same phases of a noisy host
                boolean spring = what.equals("versus-spring");
                SquirrelPeer squirrel = spring ? null : new SquirrelPeer();
                SpringPeer springPeer = spring ? new SpringPeer() : null;
                long[] ours = new long[rounds];
                long[] theirs = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    ours[r] = rounds(threads, 1, 200_000, k -> lifecycles[k & (ORDERS - 1)]
                            .run(decider, OmskitLifecycle.LIFECYCLE))[0];
                    theirs[r] = spring
                            ? rounds(threads, 1, 2_000, k -> springPeer.newMachinePerOrder(
                                    new PeerModel.PeerOrder(inputs[k & (ORDERS - 1)])))[0]
                            : rounds(threads, 1, 40_000, k -> squirrel.newMachinePerOrder(
                                    new PeerModel.PeerOrder(inputs[k & (ORDERS - 1)])))[0];
                }
                String peer = spring ? "Spring (new machine per order)" : "squirrel";
                print("omskit lifecycle, ns per order", ours);
                print(peer + " lifecycle, ns per order", theirs);
                long[] a = ours.clone();
                long[] b = theirs.clone();
                Arrays.sort(a);
                Arrays.sort(b);
                System.out.println(String.format(Locale.ROOT, "%s / omskit: %.1fx (minimums), %.1fx (medians)", peer,
                        (double) b[0] / a[0], (double) b[b.length / 2] / a[a.length / 2]));
                break;
            }
            case "kinds": {
                List<List<OrderSnapshot>> before = new ArrayList<>();
                int[] events = new int[OmskitLifecycle.KINDS.size()];
                for (OmskitLifecycle l : lifecycles) {
                    before.add(l.snapshotsBefore(decider, events));
                }
                for (int kind = 0; kind < OmskitLifecycle.KINDS.size(); kind++) {
                    int kd = kind;
                    long[] ns = rounds(threads, rounds, 200_000, k -> decider.decide(
                            before.get(k & (ORDERS - 1)).get(kd), lifecycles[k & (ORDERS - 1)].command(kd)));
                    print("decide " + OmskitLifecycle.KINDS.get(kind) + ", ns per call", ns);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown probe " + what + " (omskit, squirrel, versus, versus-spring or kinds)");
        }
        System.out.println("(the last result was a " + sink.getClass().getSimpleName() + ")");
    }

    /** One operation of a round; its result is kept so that the JIT cannot drop the work. */
    private interface Op {
        Object run(int k);
    }

    // the last operation's result, printed: the work cannot be dropped as dead
    private static Object sink;

    private static long[] rounds(ThreadMXBean threads, int rounds, int perRound, Op op) {
        long[] ns = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < perRound; k++) {
                sink = op.run(k);
            }
            ns[r] = (threads.getCurrentThreadCpuTime() - start) / perRound;
        }
        return ns;
    }

    private static void print(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "%s: min %d, median %d (%d rounds)", what, sorted[0],
                sorted[sorted.length / 2], sorted.length));
    }
}
