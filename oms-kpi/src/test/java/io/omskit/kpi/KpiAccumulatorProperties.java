package io.omskit.kpi;

import io.omskit.spi.event.OrderEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class KpiAccumulatorProperties {
    private static final KpiWindow MARCH_NY = new KpiWindow(ZoneId.of("America/New_York"), LocalDate.parse("2024-03-01"),
            LocalDate.parse("2024-04-01"));

    private static String onePass(List<OrderEvent> events, KpiOptions options) {
        KpiAccumulator acc = KpiAccumulator.create(KpiGenerators.AS_OF, options);
        acc.acceptAll(events);
        return KpiReports.toJson(acc.report(MARCH_NY));
    }

    @Test
    void merge_ofRandomShardsOfShuffledEvents_equalsOnePass() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 6), integers().between(1, 40))
                .checkAssert((seed, shards, exactLimit) -> {
                    Random r = new Random(seed);
                    KpiOptions options = KpiOptions.defaults().withExactPercentileLimit(exactLimit);
                    List<OrderEvent> events = KpiGenerators.events(r, 60);
                    String expected = onePass(events, options);
                    // shuffle every event (across and within orders) and deal each to a random shard
                    List<OrderEvent> shuffled = new ArrayList<>(events);
                    Collections.shuffle(shuffled, r);
                    List<KpiAccumulator> accs = new ArrayList<>();
                    for (int i = 0; i < shards; i++) {
                        accs.add(KpiAccumulator.create(KpiGenerators.AS_OF, options));
                    }
                    for (OrderEvent e : shuffled) {
                        accs.get(r.nextInt(shards)).accept(e);
                    }
                    Collections.shuffle(accs, r);
                    KpiAccumulator merged = accs.get(0);
                    for (int i = 1; i < shards; i++) {
                        merged.merge(accs.get(i));
                    }
                    assertThat(KpiReports.toJson(merged.report(MARCH_NY))).isEqualTo(expected);
                });
    }

    @Test
    void merge_ofOrderShards_equalsOnePass_dailySeriesToo() {
        qt().withExamples(30).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, shards) -> {
            Random r = new Random(seed);
            List<OrderEvent> events = KpiGenerators.events(r, 50);
            KpiAccumulator one = KpiAccumulator.create(KpiGenerators.AS_OF);
            one.acceptAll(events);
            List<KpiAccumulator> accs = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                accs.add(KpiAccumulator.create(KpiGenerators.AS_OF));
            }
            for (OrderEvent e : events) {
                accs.get(Math.floorMod(e.orderId().hashCode(), shards)).accept(e);
            }
            KpiAccumulator merged = accs.get(shards - 1);
            for (int i = shards - 2; i >= 0; i--) {
                merged.merge(accs.get(i));
            }
            List<KpiReport> a = one.series(MARCH_NY, 7);
            List<KpiReport> b = merged.series(MARCH_NY, 7);
            for (int d = 0; d < a.size(); d++) {
                assertThat(KpiReports.toJson(b.get(d))).isEqualTo(KpiReports.toJson(a.get(d)));
            }
        });
    }

    @Test
    void hdrPercentiles_neverBelowExact_withinOneThousandth() {
        qt().withExamples(100).forAll(longs().all(), integers().between(1, 500)).checkAssert((seed, n) -> {
            Random r = new Random(seed);
            Durations exact = new Durations(Integer.MAX_VALUE);
            Durations hdr = new Durations(1);
            for (int i = 0; i < n; i++) {
                long v = (long) (r.nextDouble() * r.nextDouble() * 30 * 86400);
                exact.add(v);
                hdr.add(v);
            }
            DurationSummary e = exact.summary();
            DurationSummary h = hdr.summary();
            assertThat(h.exact()).isEqualTo(n < 2 ? e.exact() && h.exact() : false);
            assertThat(h.sum()).isEqualTo(e.sum());
            assertThat(h.min()).isEqualTo(e.min());
            assertThat(h.max()).isEqualTo(e.max());
            for (long[] p : new long[][] {{e.p50().getAsLong(), h.p50().getAsLong()},
                    {e.p90().getAsLong(), h.p90().getAsLong()}, {e.p99().getAsLong(), h.p99().getAsLong()}}) {
                assertThat(p[1]).isGreaterThanOrEqualTo(p[0]);
                assertThat((double) p[1]).isLessThanOrEqualTo(p[0] * 1.001 + 1);
            }
        });
    }
}
