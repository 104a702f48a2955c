package io.omskit.benchmarks.kpi;

import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiReport;
import io.omskit.kpi.KpiReports;
import io.omskit.spi.event.OrderEvent;

import java.util.Locale;

/**
 * A plain timing loop (not JMH) that splits the omskit time into fold and report, for diagnosis:
 * {@code java -Xmx12g -cp benchmarks.jar io.omskit.benchmarks.kpi.KpiTiming 1000000 5}.
 */
public final class KpiTiming {
    private KpiTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        OrderEvent[] events = SyntheticOrders.generate(n, 42);
        for (int rep = 0; rep < reps; rep++) {
            System.gc();
            long t0 = System.nanoTime();
            KpiAccumulator acc = KpiAccumulator.create(SyntheticOrders.AS_OF);
            for (OrderEvent e : events) {
                acc.accept(e);
            }
            long t1 = System.nanoTime();
            KpiReport r = acc.report(KpiBenchmark.WINDOW);
            long t2 = System.nanoTime();
            int len = KpiReports.toJson(r).length();
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%d events: fold %.0f ms (%.2f M events/s), report %.0f ms, json %.0f ms (%d chars)%n",
                    events.length, (t1 - t0) / 1e6, events.length / ((t1 - t0) / 1e9) / 1e6, (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6, len);
        }
    }
}
