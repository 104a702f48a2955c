package io.omskit.benchmarks.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A plain loop of complete orders through one {@link EngineFixture} on the calling thread, reported per window of
 * orders: CPU of this thread, CPU of the whole process (GC and JIT included) and bytes allocated by this thread per
 * order, and wall-clock orders per second. A fresh engine is built after each window (outside the measured
 * time) so that the in-memory stores stay bounded, as in {@link EngineBenchmark}. Complements the JMH benchmark on
 * a shared machine: steady-state windows after warm-up, and the process CPU that the GC adds per order, are
 * easier to read here than in short JMH iterations, and JVM options (a collector) are plain {@code java} options.
 *
 * <pre>
 * java -Xms3g -Xmx3g [-XX:+UseParallelGC] -cp benchmarks/target/benchmarks.jar \
 *     io.omskit.benchmarks.engine.EngineProbe [strategy=min_cost] [seconds=40] [ordersPerWindow=30000]
 * </pre>
 *
 * <p>Prints one line per window and a mean over the windows after the first two (warm-up), then a mean over the
 * windows in which the JIT compilers spent under 2% of the window's wall time ({@code jit} per window: the
 * compilers' elapsed time, from {@link java.lang.management.CompilationMXBean}): on a shared 2-vCPU host C2 takes
 * 20 to 40 s to compile the engine, so the windows of a short run are mostly warm-up, whatever the first two
 * skip. Not thread-safe; a command-line tool.
 */
public final class EngineProbe {
    private EngineProbe() {
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) {
        String strategy = args.length > 0 ? args[0] : "min_cost";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 40;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long id = 0;
        int windows = 0;
        double sumThread = 0;
        double sumProcess = 0;
        double sumAlloc = 0;
        long steadyOrders = 0;
        long steadyWallNanos = 0;
        int settled = 0;
        double settledThread = 0;
        double settledProcess = 0;
        long settledOrders = 0;
        long settledWallNanos = 0;
        while (System.nanoTime() < end) {
            EngineFixture engine = new EngineFixture(strategy);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long process0 = os.getProcessCpuTime();
            long jit0 = jit.getTotalCompilationTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < window; i++) {
                engine.lifecycle(++id);
            }
            long wall = System.nanoTime() - wall0;
            double thread = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / window;
            double process = (os.getProcessCpuTime() - process0) / 1e3 / window;
            double alloc = (threads.getCurrentThreadAllocatedBytes() - alloc0) / (double) window;
            long jitMillis = jit.getTotalCompilationTime() - jit0;
            windows++;
            System.out.println(String.format(Locale.ROOT,
                    "window %d: %.1f us thread CPU/order, %.1f us process CPU/order, %.0f B/order, %.0f orders/s wall,"
                            + " jit %d ms",
                    windows, thread, process, alloc, window * 1e9 / wall, jitMillis));
            if (jitMillis * 1e6 < 0.02 * wall) {
                settled++;
                settledThread += thread;
                settledProcess += process;
                settledOrders += window;
                settledWallNanos += wall;
            }
            if (windows > 2) {
                sumThread += thread;
                sumProcess += process;
                sumAlloc += alloc;
                steadyOrders += window;
                steadyWallNanos += wall;
            }
        }
        int steady = windows - 2;
        if (steady > 0) {
            System.out.println(String.format(Locale.ROOT,
                    "mean of %d windows after warm-up (%s): %.1f us thread CPU/order, %.1f us process CPU/order "
                            + "(%.0f orders per process-CPU second), %.0f B/order, %.0f orders/s wall",
                    steady, strategy, sumThread / steady, sumProcess / steady, 1e6 / (sumProcess / steady),
                    sumAlloc / steady, steadyOrders * 1e9 / steadyWallNanos));
        }
        if (settled > 0) {
            System.out.println(String.format(Locale.ROOT,
                    "mean of %d windows with the JIT settled (%s): %.1f us thread CPU/order, %.1f us process CPU/order "
                            + "(%.0f orders per process-CPU second), %.0f orders/s wall",
                    settled, strategy, settledThread / settled, settledProcess / settled,
                    1e6 / (settledProcess / settled), settledOrders * 1e9 / settledWallNanos));
        } else {
            System.out.println("no window with the JIT settled (each spent 2% or more of its wall time compiling):"
                    + " a longer run is needed for steady-state figures");
        }
    }
}
