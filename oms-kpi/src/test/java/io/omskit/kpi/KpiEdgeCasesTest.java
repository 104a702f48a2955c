package io.omskit.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.omskit.spi.OmsException;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineAdded;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
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
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flows the engine produces that a first version of the calculators got wrong (a declined payment, an exchange, a
 * pickup short-picked or never collected), and edge cases of currencies, merging, large quantities, long series and
 * the importer; each found by a review with a test that failed before its fix.
 */
class KpiEdgeCasesTest {
    private static final Instant T0 = Instant.parse("2024-03-02T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2024-04-20T00:00:00Z");
    private static final OrderId ID = OrderId.of("R-1");
    private static final LineId L1 = LineId.of("L1");
    private static final LineId L2 = LineId.of("L2");
    private static final Sku SKU = Sku.of("SKU-1");
    private static final Sku SKU2 = Sku.of("SKU-2");
    private static final FulfillmentId F1 = FulfillmentId.of("F1");
    private static final FulfillmentId F2 = FulfillmentId.of("F2");
    private static final LocationId STORE = LocationId.of("STORE-1");
    private static final LocationId DC = LocationId.of("DC-EAST");
    private static final KpiWindow MARCH = new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
            LocalDate.parse("2024-04-01"));
    private int seq;

    private EventId next() {
        return EventId.of("e" + (++seq));
    }

    private static Instant h(long hours) {
        return T0.plusSeconds(hours * 3600);
    }

    private OrderPlaced placed(OrderId id, String currency, int qty) {
        return new OrderPlaced(next(), id, seq, T0, Channel.of(ChannelType.STORE), null, "k" + seq, null,
                Currency.getInstance(currency), null, null, null, h(72),
                List.of(new LineSpec(L1, SKU, qty, Money.parse("10.00", currency), null)));
    }

    private static KpiReport report(List<OrderEvent> events) {
        KpiAccumulator acc = KpiAccumulator.create(AS_OF);
        events.forEach(acc::accept);
        return acc.report(MARCH);
    }

    /** Engine: CancelOrder of a pickup waiting at the store (shippedEver() is false for READY_FOR_PICKUP). */
    private List<OrderEvent> uncollectedPickupCancelled(Initiator by, String reason) {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 2));
        e.add(new FulfillmentCreated(next(), ID, seq, h(1), F1, STORE, true, List.of(new FulfillmentLine(L1, 2)),
                null, Bucket.PENDING));
        e.add(new FulfillmentStateChanged(next(), ID, seq, h(5), F1, STORE, "PACKED", FulfillmentStatus.PACKED,
                "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, null, List.of(new FulfillmentLine(L1, 2))));
        e.add(new OrderCancelled(next(), ID, seq, h(200), by, reason));
        e.add(new LineQuantityMoved(next(), ID, seq, h(200), L1, SKU, 2, Bucket.READY_FOR_PICKUP, Bucket.CANCELLED,
                F1.value(), by, reason));
        e.add(new FulfillmentStateChanged(next(), ID, seq, h(200), F1, STORE, "READY_FOR_PICKUP",
                FulfillmentStatus.READY_FOR_PICKUP, "CANCELLED", FulfillmentStatus.CANCELLED, reason, List.of()));
        return e;
    }

    @Test
    void uncollectedPickup_cancelledByMerchant_closesAndIsNotOpenForever() {
        KpiReport r = report(uncollectedPickupCancelled(Initiator.MERCHANT, "not_collected"));
        // every unit is CANCELLED (terminal): the order must close (in C(W), not D(W)), not stay open/past due
        assertThat(r.openOverall().open()).as("open").isZero();
        assertThat(r.overall().closed()).as("closed").isEqualTo(1);
        KpiAccumulatorTest.rate(r.overall(), RateKpi.ORDER_CANCELLATION, 1, 1);
    }

    @Test
    void uncollectedPickup_cancelledByCustomer_countsAsAFullCancellation() {
        KpiReport r = report(uncollectedPickupCancelled(Initiator.CUSTOMER, "customer_request"));
        // nothing was ever handed over and every ordered unit was cancelled: research/kpi.md 2.9
        KpiAccumulatorTest.rate(r.overall(), RateKpi.ORDER_CANCELLATION, 1, 1);
    }

    @Test
    void pickupShortPicked_splitOverShardsEitherWay_reportsAsOnePass() {
        List<OrderEvent> e = pickupShortPicked();
        String onePass = KpiReports.toJson(report(e));
        for (int cut = 0; cut <= e.size(); cut++) {
            KpiAccumulator a = KpiAccumulator.create(AS_OF);
            KpiAccumulator b = KpiAccumulator.create(AS_OF);
            for (int i = 0; i < e.size(); i++) {
                // events after the cut go first into the other shard: the fold must not depend on their order
                (i < cut ? a : b).accept(e.get(e.size() - 1 - i));
            }
            assertThat(KpiReports.toJson(b.merge(a).report(MARCH))).as("cut %d", cut).isEqualTo(onePass);
        }
        List<OrderEvent> cancelled = uncollectedPickupCancelled(Initiator.MERCHANT, "not_collected");
        KpiAccumulator a = KpiAccumulator.create(AS_OF);
        KpiAccumulator b = KpiAccumulator.create(AS_OF);
        for (int i = 0; i < cancelled.size(); i++) {
            (i % 2 == 0 ? a : b).accept(cancelled.get(i));
        }
        assertThat(KpiReports.toJson(b.merge(a).report(MARCH))).isEqualTo(KpiReports.toJson(report(cancelled)));
    }

    @Test
    void pickupShortPicked_remainderShippedLater_isInFullAndAccurate() {
        KpiGroup g = report(pickupShortPicked()).overall();
        assertThat(g.closed()).isEqualTo(1);
        // 2 units ordered, 1 picked up + 1 delivered = 2 delivered of the right SKU
        KpiAccumulatorTest.rate(g, RateKpi.IN_FULL, 1, 1);
        KpiAccumulatorTest.rate(g, RateKpi.ORDER_ACCURACY, 1, 1);
        KpiAccumulatorTest.rate(g, RateKpi.RETURN_UNITS, 0, 2);
    }

    private List<OrderEvent> pickupShortPicked() {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 2));
        e.add(new FulfillmentCreated(next(), ID, seq, h(1), F1, STORE, true, List.of(new FulfillmentLine(L1, 2)),
                null, Bucket.PENDING));
        // Decide.pick: a short pick moves the missing unit out of the fulfillment, which then carries 1
        e.add(new LineQuantityMoved(next(), ID, seq, h(2), L1, SKU, 1, Bucket.PICKED, Bucket.BACKORDERED,
                F1.value(), null, "short_pick"));
        e.add(new FulfillmentStateChanged(next(), ID, seq, h(3), F1, STORE, "PACKED", FulfillmentStatus.PACKED,
                "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, null, List.of(new FulfillmentLine(L1, 1))));
        e.add(new FulfillmentStateChanged(next(), ID, seq, h(4), F1, STORE, "READY_FOR_PICKUP",
                FulfillmentStatus.READY_FOR_PICKUP, "PICKED_UP", FulfillmentStatus.PICKED_UP, null,
                List.of(new FulfillmentLine(L1, 1))));
        e.add(new FulfillmentShipped(next(), ID, seq, h(24), F2, DC, "ups", "1Z", List.of(new ShippedLine(L1, SKU, 1)),
                true, Bucket.PACKED));
        e.add(new FulfillmentDelivered(next(), ID, seq, h(48), F2, DC, false, List.of(new FulfillmentLine(L1, 1))));
        return e;
    }

    /** Delivered in 1 day (on time), returned on day 10, exchanged for another SKU shipped day 11. */
    private List<OrderEvent> exchanged(boolean exchangeDelivered) {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 1));
        e.add(new FulfillmentShipped(next(), ID, seq, h(2), F1, DC, "ups", "1Z", List.of(new ShippedLine(L1, SKU, 1)),
                true, Bucket.PACKED));
        e.add(new FulfillmentDelivered(next(), ID, seq, h(24), F1, DC, false, List.of(new FulfillmentLine(L1, 1))));
        ReturnId rid = ReturnId.of("R1");
        e.add(new ReturnReceived(next(), ID, seq, h(240), rid, DC, List.of(new ReturnedUnits(L1, SKU, 1, "wrong_size"))));
        e.add(new LineAdded(next(), ID, seq, h(240), new LineSpec(L2, SKU2, 1, Money.parse("10.00", "USD"), null), rid));
        e.add(new FulfillmentShipped(next(), ID, seq, h(264), F2, DC, "ups", "1Z2",
                List.of(new ShippedLine(L2, SKU2, 1)), true, Bucket.PACKED));
        if (exchangeDelivered) {
            e.add(new FulfillmentDelivered(next(), ID, seq, h(312), F2, DC, true, List.of(new FulfillmentLine(L2, 1))));
        }
        return e;
    }

    @Test
    void exchangeShipment_isLeftOutOfCycleTimeOnTimeAndDamage() {
        KpiGroup g = report(exchanged(true)).overall();
        // "an exchange replacement line is left out of every KPI" (KpiAccumulator Javadoc)
        assertThat(g.orderCycleTime().max().getAsLong()).as("cycle time = first delivery, 1 day").isEqualTo(86_400);
        KpiAccumulatorTest.rate(g, RateKpi.ON_TIME_DELIVERY, 1, 1);
        KpiAccumulatorTest.rate(g, RateKpi.DAMAGE_FREE, 1, 1);
    }

    @Test
    void exchangeRejectedInALaterMonth_doesNotMoveTheOrdersClosure() {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 1));
        e.add(new FulfillmentShipped(next(), ID, seq, h(2), F1, DC, "ups", "1Z", List.of(new ShippedLine(L1, SKU, 1)),
                true, Bucket.PACKED));
        e.add(new FulfillmentDelivered(next(), ID, seq, h(24), F1, DC, false, List.of(new FulfillmentLine(L1, 1))));
        e.add(new LineAdded(next(), ID, seq, h(240), new LineSpec(L2, SKU2, 1, Money.parse("10.00", "USD"), null),
                ReturnId.of("R1")));
        String without = KpiReports.toJson(report(e));
        // Decide.cancelReplacements when the exchange is rejected on day 40 (April): the replacement's units go
        e.add(new LineQuantityMoved(next(), ID, seq, h(960), L2, SKU2, 1, Bucket.PENDING, Bucket.CANCELLED, null,
                Initiator.SYSTEM, "exchange_rejected"));
        KpiReport with = report(e);
        assertThat(with.overall().closed()).as("still closed in March").isEqualTo(1);
        assertThat(KpiReports.toJson(with)).isEqualTo(without);
        // the same with the replacement's line added after its cancellation (fold order must not matter)
        List<OrderEvent> reordered = new ArrayList<>(e);
        java.util.Collections.swap(reordered, 3, 4);
        assertThat(KpiReports.toJson(report(reordered))).isEqualTo(without);
    }

    @Test
    void exchangeShipmentInTransit_doesNotReopenTheClosedOrder() {
        KpiReport r = report(exchanged(false));
        assertThat(r.overall().closed()).as("closed on day 1").isEqualTo(1);
        assertThat(r.openOverall().open()).as("open").isZero();
    }

    @Test
    void ordersInTwoCurrencies_withoutInventory_stillGetTheirOrderKpis() {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 1));
        e.add(placed(OrderId.of("R-2"), "EUR", 1));
        assertThatCode(() -> report(e)).doesNotThrowAnyException();
    }

    @Test
    void merge_refusedForSnapshotCurrency_changesNothing() {
        KpiAccumulator a = KpiAccumulator.create(AS_OF);
        a.accept(new InventorySnapshot(SKU, DC, LocalDate.parse("2024-03-01"), 5, Money.parse("1.00", "USD")));
        KpiAccumulator b = KpiAccumulator.create(AS_OF);
        b.accept(placed(ID, "USD", 1));
        b.accept(new InventorySnapshot(SKU, STORE, LocalDate.parse("2024-03-01"), 5, Money.parse("1.00", "EUR")));
        try {
            a.merge(b);
        } catch (OmsException expected) {
            // refused, as it should be
        }
        assertThat(a.orderCount()).as("orders of a after a refused merge").isZero();
    }

    @Test
    void overShippedLine_largeQuantities_stillClosesAsInaccurate() {
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 2_000_000_000));
        e.add(new FulfillmentShipped(next(), ID, seq, h(2), F1, DC, null, null,
                List.of(new ShippedLine(L1, SKU, 1_200_000_000)), true, Bucket.PACKED));
        e.add(new FulfillmentDelivered(next(), ID, seq, h(24), F1, DC, false, List.of()));
        e.add(new FulfillmentShipped(next(), ID, seq, h(3), F2, DC, null, null,
                List.of(new ShippedLine(L1, SKU, 1_200_000_000)), true, Bucket.PACKED));
        e.add(new FulfillmentDelivered(next(), ID, seq, h(25), F2, DC, false, List.of()));
        KpiReport r = report(e);
        assertThat(r.overall().closed()).as("closed").isEqualTo(1);
        KpiAccumulatorTest.rate(r.overall(), RateKpi.ORDER_ACCURACY, 0, 1);
    }

    @Test
    void importer_twoRecordsOnOneLine_isReportedNotSilentlyHalved() {
        String rec = "{\"order_id\":\"%s\",\"channel\":\"web\",\"placed_at\":\"2024-03-04T15:20:11Z\","
                + "\"currency\":\"USD\",\"lines\":[{\"line_id\":\"L1\",\"sku\":\"S\",\"qty_ordered\":1,"
                + "\"unit_price\":1.00}]}";
        String line = String.format(rec, "A") + String.format(rec, "B") + "\n";
        ImportResult<OrderEvent> r = OrderHistoryImporter.create(BadRecordPolicy.SKIP).readOrders(new StringReader(line));
        long orders = r.items().stream().filter(x -> x instanceof OrderPlaced).count();
        assertThat(orders == 2 || !r.problems().isEmpty())
                .as("orders imported %d, problems %s", orders, r.problems()).isTrue();
    }

    @Test
    void paymentDeclined_engineRejection_isWithdrawnDemandNotAFailedOrder() {
        // Decide.rejectOrder(REASON_PAYMENT_DECLINED): OrderRejected + units PENDING -> CANCELLED, SYSTEM, "payment_declined"
        List<OrderEvent> e = new ArrayList<>();
        e.add(placed(ID, "USD", 2));
        e.add(new io.omskit.spi.event.OrderRejected(next(), ID, seq, h(1), "payment_declined"));
        e.add(new LineQuantityMoved(next(), ID, seq, h(1), L1, SKU, 2, Bucket.PENDING, Bucket.CANCELLED, null,
                Initiator.SYSTEM, "payment_declined"));
        KpiGroup g = report(e).overall();
        // research/kpi.md 1.4 and 2.9: payment cancellations withdraw demand; excluded from outcome KPIs
        assertThat(g.closed()).as("closed").isZero();
        KpiAccumulatorTest.rate(g, RateKpi.PERFECT_ORDER, 0, 0);
        KpiAccumulatorTest.rate(g, RateKpi.ORDER_CANCELLATION_MERCHANT, 1, 1);
    }

    @Test
    void series_hugeRollingDays_isATypedError() {
        KpiAccumulator acc = KpiAccumulator.create(AS_OF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> acc.series(MARCH, Integer.MAX_VALUE))
                .isInstanceOf(OmsException.class);
    }

    @Test
    void importer_sameOrderRecordTwice_isReportedOrLeavesTheKpisUnchanged() {
        String rec = "{\"order_id\":\"D-1\",\"channel\":\"web\",\"placed_at\":\"2024-03-04T10:00:00Z\","
                + "\"promised_by\":\"2024-03-09T04:59:59Z\",\"currency\":\"USD\","
                + "\"lines\":[{\"line_id\":\"L1\",\"sku\":\"S\",\"qty_ordered\":3,\"unit_price\":1.00}],"
                + "\"cancellations\":[{\"cancelled_at\":\"2024-03-04T11:00:00Z\",\"line_id\":\"L1\",\"qty\":1,"
                + "\"initiator\":\"customer\",\"reason\":\"customer_request\"}],"
                + "\"shipments\":[{\"shipment_id\":\"S1\",\"location\":\"DC\",\"shipped_at\":\"2024-03-05T10:00:00Z\","
                + "\"delivered_at\":\"2024-03-06T10:00:00Z\",\"lines\":[{\"line_id\":\"L1\",\"sku\":\"S\",\"qty\":2}]}]}\n";
        OrderHistoryImporter importer = OrderHistoryImporter.create(BadRecordPolicy.SKIP);
        KpiAccumulator once = KpiAccumulator.create(AS_OF);
        importer.readOrders(new StringReader(rec), once::accept, new ArrayList<>());
        KpiAccumulator twice = KpiAccumulator.create(AS_OF);
        List<ImportProblem> problems = new ArrayList<>();
        importer.readOrders(new StringReader(rec + rec), twice::accept, problems);
        KpiAccumulatorTest.rate(once.report(MARCH).overall(), RateKpi.IN_FULL, 1, 1);
        assertThat(problems.isEmpty() ? twice.report(MARCH).overall().rate(RateKpi.IN_FULL) + " accuracy "
                + twice.report(MARCH).overall().rate(RateKpi.ORDER_ACCURACY) + " unitcancel "
                + twice.report(MARCH).overall().rate(RateKpi.UNIT_CANCELLATION) : "reported")
                .isIn("Rate[num=1, den=1] accuracy Rate[num=1, den=1] unitcancel Rate[num=1, den=3]", "reported");
        assertThat(problems.isEmpty() ? KpiReports.toJson(twice.report(MARCH)) : "reported")
                .isIn(KpiReports.toJson(once.report(MARCH)), "reported");
    }
}
