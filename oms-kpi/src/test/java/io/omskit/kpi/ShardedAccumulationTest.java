package io.omskit.kpi;

import io.omskit.spi.event.OrderEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ShardedAccumulationTest {

    @Test
    void oneStreamSplitOverFourThreads_mergedReport_equalsOnePass() throws Exception {
        List<OrderEvent> events = KpiGenerators.events(new Random(42), 2000);
        KpiWindow window = new KpiWindow(ZoneId.of("Europe/Paris"), LocalDate.parse("2024-03-01"),
                LocalDate.parse("2024-04-01"));
        KpiAccumulator one = KpiAccumulator.create(KpiGenerators.AS_OF);
        one.acceptAll(events);

        int shards = 4;
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KpiAccumulator>> parts = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int shard = s;
                parts.add(pool.submit(() -> {
                    KpiAccumulator acc = KpiAccumulator.create(KpiGenerators.AS_OF);
                    start.await();
                    for (OrderEvent e : events) {
                        if (Math.floorMod(e.orderId().value().hashCode(), shards) == shard) {
                            acc.accept(e);
                        }
                    }
                    return acc;
                }));
            }
            start.countDown();
            KpiAccumulator merged = parts.get(0).get(30, TimeUnit.SECONDS);
            for (int s = 1; s < shards; s++) {
                merged.merge(parts.get(s).get(30, TimeUnit.SECONDS));
            }
            assertThat(merged.orderCount()).isEqualTo(one.orderCount());
            KpiReport expected = one.report(window);
            assertThat(expected.overall().closed()).isGreaterThan(100);
            assertThat(KpiReports.toJson(merged.report(window))).isEqualTo(KpiReports.toJson(expected));
        } finally {
            pool.shutdownNow();
        }
    }
}
