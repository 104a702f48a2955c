package io.omskit.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.Sku;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's own encodings of facts the KPIs read: the same report as their imported forms, in any sharding. */
class EngineEventsTest {
    private static final Instant T0 = Instant.parse("2024-03-02T10:00:00Z");
    private static final OrderId ID = OrderId.of("ENG-1");
    private static final LineId L1 = LineId.of("L1");
    private static final Sku SKU = Sku.of("SKU-1");
    private static final FulfillmentId F1 = FulfillmentId.of("F1");
    private static final LocationId DC = LocationId.of("DC-EAST");
    private static final KpiWindow MARCH = new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
            LocalDate.parse("2024-04-01"));

    private static String report(List<OrderEvent> events) {
        KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
        events.forEach(acc::accept);
        return KpiReports.toJson(acc.report(MARCH));
    }

    private static List<OrderEvent> shipped() {
        List<OrderEvent> e = new ArrayList<>();
        e.add(new OrderPlaced(EventId.of("e1"), ID, 1, T0, Channel.of(ChannelType.WEB), null, "k1", null,
                Currency.getInstance("USD"), null, null, null, null,
                List.of(new LineSpec(L1, SKU, 2, Money.parse("10.00", "USD"), null))));
        e.add(new FulfillmentShipped(EventId.of("e2"), ID, 2, T0.plusSeconds(3600), F1, DC, "ups", "1Z1",
                List.of(new ShippedLine(L1, SKU, 2)), true, Bucket.PACKED));
        return e;
    }

    @Test
    void lostShipment_declaredByTheEngine_closesTheOrderAsAnImportedMoveIntoLostDoes() {
        Instant lost = T0.plusSeconds(86_400 * 5);
        List<OrderEvent> engine = shipped();
        engine.add(new FulfillmentStateChanged(EventId.of("e3"), ID, 3, lost, F1, DC, "SHIPPED", FulfillmentStatus.SHIPPED,
                "LOST", FulfillmentStatus.LOST, "no_scan", List.of(new FulfillmentLine(L1, 2))));
        List<OrderEvent> imported = shipped();
        imported.add(new LineQuantityMoved(EventId.of("e3"), ID, 3, lost, L1, SKU, 2, Bucket.SHIPPED, Bucket.LOST,
                F1.value(), null, null));
        List<OrderEvent> neverDeclared = shipped();

        assertThat(report(engine)).isEqualTo(report(imported)).isNotEqualTo(report(neverDeclared));
        KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
        engine.forEach(acc::accept);
        KpiGroup g = acc.report(MARCH).overall();
        assertThat(g.closed()).isEqualTo(1);
        KpiAccumulatorTest.rate(g, RateKpi.IN_FULL, 0, 1);
    }

    @Test
    void twoOrderCancellations_splitOverShards_mergeToTheSingleFoldInEitherOrder() {
        List<OrderEvent> all = new ArrayList<>();
        all.add(new OrderPlaced(EventId.of("e1"), ID, 1, T0, Channel.of(ChannelType.WEB), null, "k1", null,
                Currency.getInstance("USD"), null, null, null, null,
                List.of(new LineSpec(L1, SKU, 2, Money.parse("10.00", "USD"), null))));
        OrderEvent byMerchant = new OrderCancelled(EventId.of("e2"), ID, 2, T0.plusSeconds(60), Initiator.MERCHANT,
                "out_of_stock");
        OrderEvent byCustomer = new OrderCancelled(EventId.of("e3"), ID, 3, T0.plusSeconds(120), Initiator.CUSTOMER,
                "customer_request");
        OrderEvent moved = new LineQuantityMoved(EventId.of("e4"), ID, 3, T0.plusSeconds(120), L1, SKU, 2,
                Bucket.PENDING, Bucket.CANCELLED, null, null, null);
        all.add(byMerchant);
        all.add(byCustomer);
        all.add(moved);
        String single = report(all);
        assertThat(single).isEqualTo(report(List.of(all.get(0), byCustomer, byMerchant, moved)));

        for (boolean merchantFirst : new boolean[] {true, false}) {
            KpiAccumulator a = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            KpiAccumulator b = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            a.accept(all.get(0));
            a.accept(merchantFirst ? byMerchant : byCustomer);
            b.accept(merchantFirst ? byCustomer : byMerchant);
            b.accept(moved);
            assertThat(KpiReports.toJson(a.merge(b).report(MARCH))).as("a + b, merchant first %s", merchantFirst)
                    .isEqualTo(single);
        }
    }
}
