package io.omskit.benchmarks.kpi;

import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiReport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Measures the retained heap of a {@link KpiAccumulator} per order (open orders, then complete histories), and
 * cross-checks omskit's per-channel closed counts with the DuckDB peer. Run:
 * {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar io.omskit.benchmarks.kpi.KpiMemoryProbe 1000000}.
 */
public final class KpiMemoryProbe {
    private KpiMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "open orders:     %.1f bytes per order%n", perOrder(n, true));
        System.out.printf(Locale.ROOT, "complete orders: %.1f bytes per order%n", perOrder(n, false));
        if (args.length > 1) {
            crossCheck(Integer.parseInt(args[1]));
        }
    }

    private static long used(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static double perOrder(int n, boolean open) throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = used(mem);
        KpiAccumulator acc = KpiAccumulator.create(SyntheticOrders.AS_OF);
        if (open) {
            SyntheticOrders.forEachOpen(n, 7, acc::accept);
        } else {
            SyntheticOrders.forEach(n, 7, acc::accept);
        }
        long after = used(mem);
        if (acc.orderCount() != n) {
            throw new IllegalStateException("expected " + n + " orders, got " + acc.orderCount());
        }
        return (double) (after - before) / n;
    }

    private static void crossCheck(int n) throws Exception {
        var events = SyntheticOrders.generate(n, 42);
        KpiAccumulator acc = KpiAccumulator.create(SyntheticOrders.AS_OF);
        for (var e : events) {
            acc.accept(e);
        }
        KpiReport r = acc.report(KpiBenchmark.WINDOW);
        r.byChannel().forEach((ch, g) -> System.out.printf(Locale.ROOT,
                "omskit %s placed=%d closed=%d closed_delivered=%d perfect=%d in_full=%d on_time=%d cycle_p50=%s%n",
                ch, g.placed(), g.closed(), g.closedDelivered(), g.rate(io.omskit.kpi.RateKpi.PERFECT_ORDER).num(),
                g.rate(io.omskit.kpi.RateKpi.IN_FULL).num(), g.rate(io.omskit.kpi.RateKpi.ON_TIME_DELIVERY).num(),
                g.orderCycleTime().p50()));
        try (DuckDbKpis db = new DuckDbKpis()) {
            db.load(events);
            List<String> rows = db.query(KpiBenchmark.WINDOW.startInstant(), KpiBenchmark.WINDOW.endInstant(),
                    SyntheticOrders.AS_OF);
            rows.forEach(row -> System.out.println("duckdb " + row));
        }
    }
}
