package io.omskit.examples.olist;

import io.omskit.kpi.BadRecordPolicy;
import io.omskit.kpi.ImportResult;
import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiGroup;
import io.omskit.kpi.KpiReport;
import io.omskit.kpi.KpiReports;
import io.omskit.kpi.KpiWindow;
import io.omskit.kpi.OrderHistoryImporter;
import io.omskit.kpi.Rate;
import io.omskit.kpi.RateKpi;
import io.omskit.spi.event.OrderEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class OlistImporterTest {
    private static final String HEADER = "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
            + "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n";
    private static final String ITEMS_HEADER = "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,"
            + "freight_value\n";

    private static KpiReport kpis(OlistImporter.Result r, String from, String to, String asOf) {
        ImportResult<OrderEvent> events = OrderHistoryImporter.create(BadRecordPolicy.FAIL)
                .readOrders(new StringReader(String.join("\n", r.jsonLines())));
        KpiAccumulator acc = KpiAccumulator.create(Instant.parse(asOf));
        acc.acceptAll(events.items());
        return acc.report(new KpiWindow(OlistImporter.ZONE, LocalDate.parse(from), LocalDate.parse(to)));
    }

    @Nested
    class SmallCases {
        @Test
        void convert_quirks_handComputedKpis() throws IOException {
            String orders = HEADER
                    // A: delivered 2018-08-20 15:15:42 local, placed 2018-08-15 11:30:33: 5 d 3 h 45 m 9 s = 445509 s;
                    // carrier hand-off 12:44:00 before approval 13:00:00 (a quirk), on time (estimate Aug 27)
                    + "A,c1,delivered,2018-08-15 11:30:33,2018-08-15 13:00:00,2018-08-15 12:44:00,2018-08-20 15:15:42,"
                    + "2018-08-27 00:00:00\n"
                    // B: two sellers, delivered late (estimate Aug 10, delivered Aug 11 00:00:01 local)
                    + "B,c2,delivered,2018-08-01 10:00:00,2018-08-01 10:10:00,2018-08-02 09:00:00,2018-08-11 00:00:01,"
                    + "2018-08-10 00:00:00\n"
                    // C: unavailable, one item: cancelled out_of_stock by the merchant at approval time
                    + "C,c3,unavailable,2018-08-03 10:00:00,2018-08-03 11:00:00,,,2018-08-20 00:00:00\n"
                    // D: unavailable without items: placed only
                    + "D,c4,unavailable,2018-08-04 10:00:00,,,,2018-08-20 00:00:00\n"
                    // E: shipped, never delivered: open, past due as of Sept 1 (estimate Aug 25)
                    + "E,c5,shipped,2018-08-05 10:00:00,2018-08-05 10:30:00,2018-08-06 10:00:00,,2018-08-25 00:00:00\n";
            String items = ITEMS_HEADER
                    + "A,1,p1,s1,2018-08-17 00:00:00,10.50,5.00\n"
                    + "B,1,p2,s1,2018-08-03 00:00:00,20.00,5.00\n"
                    + "B,2,p3,s2,2018-08-03 00:00:00,30.00,5.00\n"
                    + "C,1,p4,s3,2018-08-05 00:00:00,40.00,5.00\n"
                    + "E,1,p5,s3,2018-08-07 00:00:00,50.00,5.00\n";
            OlistImporter.Result r = OlistImporter.convert(new StringReader(orders), new StringReader(items));
            assertThat(r.jsonLines()).hasSize(5);
            assertThat(r.ordersWithoutItems()).isEqualTo(1);
            assertThat(r.carrierBeforeApproval()).isEqualTo(1);
            assertThat(r.cancelled()).isEqualTo(1);
            assertThat(r.badRows()).isEmpty();
            // Sao Paulo was UTC-3 in August 2018
            assertThat(r.jsonLines().get(0)).contains("\"placed_at\":\"2018-08-15T11:30:33-03:00\"")
                    .contains("\"promised_by\":\"2018-08-27T23:59:59-03:00\"");

            KpiReport k = kpis(r, "2018-08-01", "2018-09-01", "2018-09-01T03:00:00Z");
            KpiGroup g = k.overall();
            assertThat(g.placed()).isEqualTo(5);
            // closed: A, B (delivered) and C (cancelled, unmet: not delivered)
            assertThat(g.closed()).isEqualTo(3);
            assertThat(g.closedDelivered()).isEqualTo(2);
            assertThat(g.rate(RateKpi.ON_TIME_DELIVERY)).isEqualTo(new Rate(1, 2));
            assertThat(g.rate(RateKpi.IN_FULL)).isEqualTo(new Rate(2, 3));
            assertThat(g.rate(RateKpi.PERFECT_ORDER)).isEqualTo(new Rate(1, 3));
            assertThat(g.rate(RateKpi.ORDER_CANCELLATION_MERCHANT)).isEqualTo(new Rate(1, 5));
            // B: placed Aug 1 10:00, delivered Aug 11 00:00:01: 9 d 14 h 0 m 1 s = 828001 s
            assertThat(g.orderCycleTime().min().getAsLong()).isEqualTo(445509);
            assertThat(g.orderCycleTime().max().getAsLong()).isEqualTo(828001);
            // E is in transit from s3: it counts there as placed, not closed
            assertThat(k.byLocation()).containsOnlyKeys("s1", "s2", "s3");
            assertThat(k.byLocation().get("s3").closed()).isZero();
            assertThat(k.openOverall().open()).isEqualTo(1);
            assertThat(k.openOverall().pastDue()).isEqualTo(1);
        }
    }

    @Nested
    class RealSample {
        private final Path sample = Path.of("/work/shared/data/real/olist-sample-3000");

        @Test
        void sample3000_kpis_matchTheDatasetsOwnCounts() {
            Assumptions.assumeTrue(Files.exists(sample.resolve("olist_orders_dataset.csv")), "Olist sample not present");
            OlistImporter.Result r = OlistImporter.convert(sample);
            assertThat(r.jsonLines()).hasSize(3000);
            assertThat(r.badRows()).isEmpty();
            // the dataset README: 24 orders without items, 50 carrier hand-offs before approval
            assertThat(r.ordersWithoutItems()).isEqualTo(24);
            assertThat(r.carrierBeforeApproval()).isEqualTo(50);
            KpiReport k = kpis(r, "2016-09-01", "2018-11-01", "2018-11-01T00:00:00Z");
            KpiGroup g = k.overall();
            assertThat(g.placed()).isEqualTo(3000);
            // 2,904 delivered orders; 191 of them later than the estimated day
            assertThat(g.closedDelivered()).isGreaterThanOrEqualTo(2904);
            Rate onTime = g.rate(RateKpi.ON_TIME_DELIVERY);
            assertThat(onTime.den() - onTime.num()).isGreaterThanOrEqualTo(191);
            assertThat(g.orderCycleTime().count()).isEqualTo(g.closedDelivered());
            assertThat(g.orderCycleTime().p50().getAsLong()).isBetween(5 * 86400L, 15 * 86400L);
            assertThat(KpiReports.toTable(k, 3)).contains("marketplace");
        }
    }
}
