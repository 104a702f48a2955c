package io.omskit.benchmarks.kpi;

import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiReport;
import io.omskit.kpi.KpiReports;
import io.omskit.kpi.KpiWindow;
import io.omskit.spi.event.OrderEvent;
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

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * KPI calculation over N synthetic orders (about 10 events each), one thread: omskit's accumulator (fold only, and
 * fold + report + JSON) side by side with DuckDB in-process (Appender load only, and load + per-channel SQL).
 * Single-shot: each invocation processes the whole stream once; events/s = events / time. The events are generated
 * once and tenured before measuring; a 5 GB young generation lets one fold's state be allocated without copying
 * the event array (run with {@code -gc true} so that each iteration starts after a full collection).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-Xmn5g", "-XX:+UseSerialGC"})
public class KpiBenchmark {
    static final KpiWindow WINDOW = new KpiWindow(ZoneId.of("America/New_York"), LocalDate.parse("2024-01-01"),
            LocalDate.parse("2024-03-01"));

    @Param({"100000"})
    public int orders;

    OrderEvent[] events;

    @Setup(Level.Trial)
    public void setUp() {
        events = SyntheticOrders.generate(orders, 42);
        System.gc();
        System.out.println();
        System.out.println("# events: " + events.length + " for " + orders + " orders");
    }

    /** omskit: fold every event into one accumulator (the streaming part). */
    @Benchmark
    public int omskitFold() {
        KpiAccumulator acc = KpiAccumulator.create(SyntheticOrders.AS_OF);
        for (OrderEvent e : events) {
            acc.accept(e);
        }
        return acc.orderCount();
    }

    /** omskit: fold, then the whole report (overall, channels, locations, carriers, inventory) as JSON. */
    @Benchmark
    public int omskitFoldAndReport() {
        KpiAccumulator acc = KpiAccumulator.create(SyntheticOrders.AS_OF);
        for (OrderEvent e : events) {
            acc.accept(e);
        }
        KpiReport report = acc.report(WINDOW);
        return KpiReports.toJson(report).length();
    }

    /** DuckDB: Appender load of one row per event. */
    @Benchmark
    public int duckdbLoad() throws Exception {
        try (DuckDbKpis db = new DuckDbKpis()) {
            db.load(events);
            return events.length;
        }
    }

    /** DuckDB: load, then the per-channel KPIs in SQL. */
    @Benchmark
    public int duckdbLoadAndQuery() throws Exception {
        try (DuckDbKpis db = new DuckDbKpis()) {
            db.load(events);
            List<String> rows = db.query(WINDOW.startInstant(), WINDOW.endInstant(), SyntheticOrders.AS_OF);
            return rows.size();
        }
    }
}
