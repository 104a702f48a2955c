package io.omskit.benchmarks.lifecycle;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation: {@code cpu.time.norm} is the CPU time of the benchmark
 * worker threads only (ns/op; GC and JIT threads excluded, so read it beside {@code -prof gc}),
 * {@code cpu.process.norm} that of the whole fork (GC, JIT and JMH included), and {@code cpu.share} the CPU
 * the workers got per wall second and thread. On a shared, oversubscribed machine the wall-clock score depends
 * on how much CPU the fork was given; CPU time per operation depends much less on it, so ratios of
 * {@code cpu.time.norm} are the robust comparison. Use with
 * {@code -prof io.omskit.benchmarks.lifecycle.CpuTimeProfiler}.
 *
 * <p>Stateless between iterations apart from the start readings; used by JMH from one thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final java.util.Map<Long, Long> workerStart = new java.util.HashMap<>();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation and CPU share";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerStart.clear();
        for (Thread t : workers()) {
            workerStart.put(t.getId(), threads.getThreadCpuTime(t.getId()));
        }
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                    IterationResult result) {
        long cpu = processCpuNanos() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long worker = 0;
        for (Thread t : workers()) {
            long now = threads.getThreadCpuTime(t.getId());
            if (now >= 0) {
                worker += now - workerStart.getOrDefault(t.getId(), 0L);
            }
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) worker / ops;
        double processPerOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        double share = wall == 0 ? Double.NaN : (double) worker / wall / benchmarkParams.getThreads();
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", processPerOp, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", share, "cpu/thread", AggregationPolicy.AVG));
    }

    private static List<Thread> workers() {
        List<Thread> out = new java.util.ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("jmh-worker")) {
                out.add(t);
            }
        }
        return out;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
