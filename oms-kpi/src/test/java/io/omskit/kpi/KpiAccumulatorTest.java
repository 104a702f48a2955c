package io.omskit.kpi;

import io.omskit.spi.event.FulfillmentCreated;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import static io.omskit.kpi.OrderJson.march;
import static io.omskit.kpi.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KpiAccumulatorTest {

    static void rate(KpiGroup g, RateKpi kpi, long num, long den) {
        assertThat(g.rate(kpi)).as(kpi.key()).isEqualTo(new Rate(num, den));
    }

    /** A simple delivered order: 1 line of 1 unit, placed at 10:00 on {@code day}, delivered after {@code hours}. */
    static OrderJson simple(String id, String day, int hours) {
        Instant placed = Instant.parse(day + "T10:00:00Z");
        String delivered = placed.plusSeconds(hours * 3600L).toString();
        return order(id, "web", placed.toString(), "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                .ship("S-" + id, "DC-EAST", placed.plusSeconds(1800).toString(), delivered, "L1:SKU-1:1");
    }

    @Nested
    class CycleTime {
        @Test
        void cycleTime_fourOrders_nearestRankPercentiles() {
            // durations 1 h, 2 h, 3 h, 10 h = 3600, 7200, 10800, 36000 s; sum 57600, mean 14400
            // p50: ceil(0.50*4)-1 = 1 -> 7200; p90: ceil(3.6)-1 = 3 -> 36000; p95, p99 -> 36000
            KpiGroup g = march(simple("A", "2024-03-02", 1), simple("B", "2024-03-03", 2),
                    simple("C", "2024-03-04", 3), simple("D", "2024-03-05", 10)).overall();
            DurationSummary d = g.orderCycleTime();
            assertThat(d.count()).isEqualTo(4);
            assertThat(d.sum()).isEqualTo(57600);
            assertThat(d.mean().getAsDouble()).isEqualTo(14400.0);
            assertThat(d.min().getAsLong()).isEqualTo(3600);
            assertThat(d.p50().getAsLong()).isEqualTo(7200);
            assertThat(d.p90().getAsLong()).isEqualTo(36000);
            assertThat(d.p99().getAsLong()).isEqualTo(36000);
            assertThat(d.max().getAsLong()).isEqualTo(36000);
            assertThat(d.exact()).isTrue();
            // shipped 30 min after placement each: 1800 s
            assertThat(g.orderToShipTime().p50().getAsLong()).isEqualTo(1800);
        }

        @Test
        void cycleTime_acrossDstStart_isElapsedNotWallClock() {
            // placed 2024-03-09 12:00 EST (-05:00), delivered 2024-03-10 12:00 EDT (-04:00): 23 h = 82800 s
            OrderJson o = order("DST", "web", "2024-03-09T12:00:00-05:00", "2024-03-12T03:59:59Z")
                    .line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "2024-03-09T18:00:00-05:00", "2024-03-10T12:00:00-04:00", "L1:SKU-1:1");
            KpiReport r = OrderJson.report("America/New_York", "2024-03-01", "2024-04-01", "2024-04-20T00:00:00Z", o);
            assertThat(r.overall().orderCycleTime().sum()).isEqualTo(82800);
            // March in New York is 743 hours long (DST), 31 local days
            assertThat(r.window().days()).isEqualTo(31);
            assertThat(r.window().endInstant().getEpochSecond() - r.window().startInstant().getEpochSecond())
                    .isEqualTo(743 * 3600L);
        }

        @Test
        void cycleTime_multiShipment_endsAtLastDelivery() {
            // parcel 1 delivered after 24 h, parcel 2 after 72 h -> 259200 s; ship times 1 h and 48 h -> 172800 s
            OrderJson o = order("M", "web", "2024-03-01T00:00:00Z", "2024-03-02T23:59:59Z")
                    .line("L1", "SKU-1", 1).line("L2", "SKU-2", 1)
                    .ship("S1", "DC-EAST", "2024-03-01T01:00:00Z", "2024-03-02T00:00:00Z", "L1:SKU-1:1")
                    .ship("S2", "STORE-9", "2024-03-03T00:00:00Z", "2024-03-04T00:00:00Z", "L2:SKU-2:1");
            KpiReport r = march(o);
            assertThat(r.overall().orderCycleTime().max().getAsLong()).isEqualTo(259200);
            assertThat(r.overall().orderToShipTime().max().getAsLong()).isEqualTo(172800);
            // first parcel on time, second late -> late
            rate(r.overall(), RateKpi.ON_TIME_DELIVERY, 0, 1);
            // the order counts under both ship-from locations
            assertThat(r.byLocation()).containsOnlyKeys("DC-EAST", "STORE-9");
            assertThat(r.byLocation().get("STORE-9").closed()).isEqualTo(1);
        }
    }

    @Nested
    class PerfectOrder {
        @Test
        void perfectOrder_oneFailurePerOrder_countAndProductDiffer() {
            OrderJson perfect = simple("P", "2024-03-02", 5);
            OrderJson late = order("LATE", "web", "2024-03-02T10:00:00Z", "2024-03-03T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-05T10:00:00Z", "L1:SKU-1:1");
            OrderJson damaged = order("DMG", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "UPS", "2024-03-02T11:00:00Z", "2024-03-04T10:00:00Z", true, true, "L1:SKU-1:1");
            OrderJson docs = order("DOC", "app", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "UPS", "2024-03-02T11:00:00Z", "2024-03-04T10:00:00Z", false, false, "L1:SKU-1:1");
            KpiGroup g = march(perfect, late, damaged, docs).overall();
            // count: only P passes all four -> 1/4
            rate(g, RateKpi.PERFECT_ORDER, 1, 4);
            rate(g, RateKpi.IN_FULL, 4, 4);
            rate(g, RateKpi.ON_TIME_DELIVERY, 3, 4);
            rate(g, RateKpi.DAMAGE_FREE, 3, 4);
            rate(g, RateKpi.DOCUMENTATION_ACCURACY, 3, 4);
            rate(g, RateKpi.OTIF, 3, 4);
            // product: 1 x 0.75 x 0.75 x 0.75 = 0.421875, above the count 0.25
            assertThat(g.perfectOrderIndexMultiplicative().getAsDouble()).isCloseTo(0.421875, within(1e-12));
        }

        @Test
        void onTime_deliveredExactlyAtPromise_isOnTime() {
            OrderJson o = order("EDGE", "web", "2024-03-02T10:00:00Z", "2024-03-05T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "2024-03-03T10:00:00Z", "2024-03-05T23:59:59Z", "L1:SKU-1:1");
            rate(march(o).overall(), RateKpi.ON_TIME_DELIVERY, 1, 1);
        }
    }

    @Nested
    class Accuracy {
        @Test
        void wrongItemAndOverShipment_failAccuracyAndInFull() {
            // WRONG: ordered SKU-1, shipped SKU-2: filled 0 of 1; OVER: ordered 1, shipped 2: filled min(2,1) = 1
            OrderJson wrong = order("WRONG", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-04T10:00:00Z", "L1:SKU-2:1");
            OrderJson over = order("OVER", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-04T10:00:00Z", "L1:SKU-1:2");
            OrderJson ok = simple("OK", "2024-03-02", 3);
            KpiGroup g = march(wrong, over, ok).overall();
            rate(g, RateKpi.ORDER_ACCURACY, 1, 3);
            rate(g, RateKpi.IN_FULL, 1, 3);
            rate(g, RateKpi.PERFECT_ORDER, 1, 3);
            // unit fill eventual: (0 + 1 + 1) / (1 + 1 + 1)
            rate(g, RateKpi.UNIT_FILL_EVENTUAL, 2, 3);
            rate(g, RateKpi.LINE_FILL_EVENTUAL, 2, 3);
        }

        @Test
        void shortShipmentWithOutOfStockCancel_isAccurateButNotInFull() {
            // 3 ordered, 2 shipped, 1 cancelled out_of_stock (unmet): net 3, filled 2
            OrderJson o = order("SHORT", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 3)
                    .cancel("L1", 1, "2024-03-02T12:00:00Z", "merchant", "out_of_stock")
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-04T10:00:00Z", "L1:SKU-1:2");
            KpiReport r = march(o);
            rate(r.overall(), RateKpi.ORDER_ACCURACY, 1, 1);
            rate(r.overall(), RateKpi.IN_FULL, 0, 1);
            rate(r.overall(), RateKpi.UNIT_FILL, 2, 3);
            rate(r.overall(), RateKpi.ORDER_FILL_EVENTUAL, 0, 1);
            // intake: 1 of 3 units cancelled; not a full cancellation
            rate(r.overall(), RateKpi.UNIT_CANCELLATION, 1, 3);
            rate(r.overall(), RateKpi.ORDER_CANCELLATION, 0, 1);
        }
    }

    @Nested
    class FillAndBackorders {
        @Test
        void backorderLaterShipped_eventualFillYesFirstTimeNo() {
            // 2 ordered, 1 backordered, both shipped later: net 2, filled 2, bo 1, ft = min(2, 2-1) = 1
            OrderJson o = order("BO", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 2)
                    .backorder("L1", 1, "2024-03-02T10:01:00Z")
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-03T10:00:00Z", "L1:SKU-1:1")
                    .ship("S2", "DC-EAST", "2024-03-08T11:00:00Z", "2024-03-09T10:00:00Z", "L1:SKU-1:1");
            OrderJson plain = simple("OK", "2024-03-02", 3);
            KpiGroup g = march(o, plain).overall();
            rate(g, RateKpi.UNIT_FILL, 1 + 1, 2 + 1);
            rate(g, RateKpi.UNIT_FILL_EVENTUAL, 2 + 1, 2 + 1);
            rate(g, RateKpi.LINE_FILL, 1, 2);
            rate(g, RateKpi.LINE_FILL_EVENTUAL, 2, 2);
            rate(g, RateKpi.ORDER_FILL, 1, 2);
            rate(g, RateKpi.ORDER_FILL_EVENTUAL, 2, 2);
            rate(g, RateKpi.IN_FULL, 2, 2);
            // intake P(W): 1 of 2 orders backordered; 1 of 3 units
            rate(g, RateKpi.BACKORDER_ORDERS, 1, 2);
            rate(g, RateKpi.BACKORDER_UNITS, 1, 3);
        }

        @Test
        void customerCancelsBackorderedLine_isUnmetDemand() {
            // 2 ordered, 1 backordered then cancelled by the customer: never withdrawn (line was backordered):
            // net 2, filled 1 -> unit fill 1/2, not in full; the order closes at the cancellation
            OrderJson o = order("BOC", "web", "2024-03-02T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 2)
                    .backorder("L1", 1, "2024-03-02T10:01:00Z")
                    .ship("S1", "DC-EAST", "2024-03-02T11:00:00Z", "2024-03-03T10:00:00Z", "L1:SKU-1:1")
                    .cancel("L1", 1, "2024-03-06T00:00:00Z", "customer", "customer_request");
            KpiGroup g = march(o).overall();
            assertThat(g.closed()).isEqualTo(1);
            rate(g, RateKpi.UNIT_FILL_EVENTUAL, 1, 2);
            rate(g, RateKpi.IN_FULL, 0, 1);
            rate(g, RateKpi.PERFECT_ORDER, 0, 1);
        }
    }

    @Nested
    class Cancellations {
        @Test
        void cancellationsByWhomAndWhy() {
            // CUST: whole order withdrawn by the customer (net 0: intake only)
            OrderJson cust = order("CUST", "web", "2024-03-02T10:00:00Z", null).line("L1", "SKU-1", 2)
                    .cancel("L1", 2, "2024-03-02T11:00:00Z", "customer", "customer_request");
            // OOS: whole order cancelled by the merchant out of stock (unmet: closes, in C(W) not D(W))
            OrderJson oos = order("OOS", "web", "2024-03-03T10:00:00Z", "2024-03-10T23:59:59Z").line("L1", "SKU-1", 1)
                    .cancel("L1", 1, "2024-03-03T11:00:00Z", "merchant", "out_of_stock");
            // FRAUD: merchant cancels for fraud: withdrawn, merchant cancellation
            OrderJson fraud = order("FRAUD", "app", "2024-03-04T10:00:00Z", null).line("L1", "SKU-1", 1)
                    .cancel("L1", 1, "2024-03-04T11:00:00Z", "merchant", "fraud_suspected");
            // PART: customer cancels 1 of 2 units, the other ships: not a full cancellation, net 1, in full
            OrderJson part = order("PART", "web", "2024-03-05T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 2)
                    .cancel("L1", 1, "2024-03-05T11:00:00Z", "customer", "customer_request")
                    .ship("S1", "DC-EAST", "2024-03-05T12:00:00Z", "2024-03-06T12:00:00Z", "L1:SKU-1:1");
            KpiReport r = march(cust, oos, fraud, part);
            KpiGroup g = r.overall();
            assertThat(g.placed()).isEqualTo(4);
            rate(g, RateKpi.ORDER_CANCELLATION, 3, 4);
            rate(g, RateKpi.ORDER_CANCELLATION_CUSTOMER, 1, 4);
            rate(g, RateKpi.ORDER_CANCELLATION_MERCHANT, 2, 4);
            // units: 2 + 1 + 1 + 1 cancelled of 2 + 1 + 1 + 2 ordered
            rate(g, RateKpi.UNIT_CANCELLATION, 5, 6);
            // outcome: CUST and FRAUD withdrawn (excluded); OOS closed undelivered; PART closed delivered
            assertThat(g.closed()).isEqualTo(2);
            assertThat(g.closedDelivered()).isEqualTo(1);
            rate(g, RateKpi.IN_FULL, 1, 2);
            rate(g, RateKpi.PERFECT_ORDER, 1, 2);
            rate(g, RateKpi.ON_TIME_DELIVERY, 1, 1);
            assertThat(r.byChannel().get("app").placed()).isEqualTo(1);
            assertThat(r.openOverall().open()).isZero();
        }

        @Test
        void orderCancelledEvent_givesInitiatorAndReasonToBareLineMoves() {
            Instant t0 = Instant.parse("2024-03-02T10:00:00Z");
            OrderId id = OrderId.of("LIVE-1");
            LineSpec spec = new LineSpec(LineId.of("L1"), Sku.of("SKU-1"), 2, Money.parse("10.00", "USD"), null);
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.accept(new OrderPlaced(EventId.of("e1"), id, 1, t0, Channel.of(ChannelType.WEB), null, "k1", null,
                    Currency.getInstance("USD"), null, null, null, null, List.of(spec)));
            acc.accept(new OrderCancelled(EventId.of("e2"), id, 2, t0.plusSeconds(60), Initiator.CUSTOMER,
                    "customer_request"));
            acc.accept(new LineQuantityMoved(EventId.of("e3"), id, 2, t0.plusSeconds(60), LineId.of("L1"),
                    Sku.of("SKU-1"), 2, Bucket.PENDING, Bucket.CANCELLED, null, null, null));
            KpiGroup g = acc.report(new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-04-01"))).overall();
            rate(g, RateKpi.ORDER_CANCELLATION_CUSTOMER, 1, 1);
            // withdrawn by the order's reason: not closed, not open
            assertThat(g.closed()).isZero();
        }
    }

    @Nested
    class Returns {
        @Test
        void returnsAcrossWindows_threeAttributions() {
            // A: placed Feb 28, 2 units delivered Mar 2, 1 returned Apr 5 (after the window, before as_of)
            OrderJson a = order("A", "web", "2024-02-28T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 2)
                    .ship("SA", "DC-EAST", "2024-02-29T10:00:00Z", "2024-03-02T10:00:00Z", "L1:SKU-1:2")
                    .ret("RA", "SA", "L1", "SKU-1", 1, "2024-04-05T10:00:00Z");
            // B: placed and delivered in March (2 units), 1 returned Mar 20, 1 returned Apr 25 (after as_of)
            OrderJson b = order("B", "web", "2024-03-05T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 2)
                    .ship("SB", "DC-EAST", "2024-03-05T12:00:00Z", "2024-03-07T10:00:00Z", "L1:SKU-1:2")
                    .ret("RB1", "SB", "L1", "SKU-1", 1, "2024-03-20T10:00:00Z")
                    .ret("RB2", "SB", "L1", "SKU-1", 1, "2024-04-25T10:00:00Z");
            // C: delivered Feb (closed Feb, out of D(W)), returned in March
            OrderJson c = order("C", "web", "2024-02-10T10:00:00Z", "2024-02-28T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("SC", "DC-EAST", "2024-02-10T12:00:00Z", "2024-02-12T10:00:00Z", "L1:SKU-1:1")
                    .ret("RC", "SC", "L1", "SKU-1", 1, "2024-03-10T10:00:00Z");
            KpiReport r = march(a, b, c);
            KpiGroup g = r.overall();
            // D(W) = {A, B}: returned up to as_of 1 + 1 = 2 of 2 + 2 delivered
            rate(g, RateKpi.RETURN_UNITS, 2, 4);
            rate(g, RateKpi.RETURN_ORDERS, 2, 2);
            // event period: returned in March: B's 1 + C's 1 = 2; delivered in March: A 2 + B 2 = 4
            rate(g, RateKpi.RETURN_UNITS_EVENT_PERIOD, 2, 4);
            // placed cohort P(W) = {B}: 1 returned up to as_of / 2 delivered
            rate(g, RateKpi.RETURN_UNITS_PLACED_COHORT, 1, 2);
            // B's second return is after as_of: ignored
            assertThat(r.dataQuality().eventsIgnoredAfterAsOf()).isEqualTo(2);
        }

        @Test
        void returnedMoreThanDelivered_isCappedAndReported() {
            OrderJson o = order("X", "web", "2024-03-05T10:00:00Z", "2024-03-31T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S", "DC-EAST", "2024-03-05T12:00:00Z", "2024-03-07T10:00:00Z", "L1:SKU-1:1")
                    .ret("R", "S", "L1", "SKU-1", 3, "2024-03-20T10:00:00Z");
            KpiReport r = march(o);
            rate(r.overall(), RateKpi.RETURN_UNITS, 1, 1);
            assertThat(r.dataQuality().returnedUnitsCapped()).isEqualTo(2);
        }
    }

    @Nested
    class WindowsAndAsOf {
        @Test
        void closureOnLastLocalSecond_isInTheWindow_nextSecondIsNot() {
            // New York, March ends at 2024-04-01T04:00:00Z (EDT): 03:59:59Z is March 31 23:59:59 local
            OrderJson in = order("IN", "web", "2024-03-30T12:00:00Z", null).line("L1", "SKU-1", 1)
                    .ship("S", "DC-EAST", "2024-03-30T13:00:00Z", "2024-04-01T03:59:59Z", "L1:SKU-1:1");
            OrderJson out = order("OUT", "web", "2024-03-30T12:00:00Z", null).line("L1", "SKU-1", 1)
                    .ship("S", "DC-EAST", "2024-03-30T13:00:00Z", "2024-04-01T04:00:00Z", "L1:SKU-1:1");
            // placed 2024-03-01T04:59:59Z is Feb 29 23:59:59 EST: not in P(March)
            OrderJson feb = order("FEB", "web", "2024-03-01T04:59:59Z", null).line("L1", "SKU-1", 1);
            KpiReport r = OrderJson.report("America/New_York", "2024-03-01", "2024-04-01", "2024-04-20T00:00:00Z",
                    in, out, feb);
            assertThat(r.overall().closed()).isEqualTo(1);
            assertThat(r.overall().placed()).isEqualTo(2);
        }

        @Test
        void deliveryAfterAsOf_isInTransit_orderOpenAndPastDue() {
            OrderJson o = order("T", "web", "2024-03-05T10:00:00Z", "2024-03-08T23:59:59Z").line("L1", "SKU-1", 1)
                    .ship("S", "DC-EAST", "2024-03-06T10:00:00Z", "2024-03-12T10:00:00Z", "L1:SKU-1:1");
            KpiReport r = OrderJson.report("UTC", "2024-03-01", "2024-04-01", "2024-03-10T00:00:00Z", o);
            assertThat(r.overall().closed()).isZero();
            assertThat(r.openOverall()).isEqualTo(new OpenOrders(1, 1));
            assertThat(r.openByChannel().get("web")).isEqualTo(new OpenOrders(1, 1));
            assertThat(r.dataQuality().eventsIgnoredAfterAsOf()).isEqualTo(1);
        }

        @Test
        void emptyPopulations_giveNullValues() {
            KpiReport r = march();
            for (RateKpi kpi : RateKpi.all()) {
                assertThat(r.overall().rate(kpi).value()).as(kpi.key()).isEmpty();
            }
            assertThat(r.overall().perfectOrderIndexMultiplicative()).isEmpty();
            assertThat(r.overall().orderCycleTime().p50()).isEmpty();
            assertThat(r.inventory().overall().inventoryTurnover()).isEmpty();
            assertThat(KpiReports.toJson(r)).contains("\"value\" : null");
        }

        @Test
        void dailySeries_rollingTwoDays_addsBuckets() {
            // closed Mar 2 (1 h), Mar 3 (2 h), Mar 3 (10 h)
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.acceptAll(OrderJson.events(simple("A", "2024-03-02", 1), simple("B", "2024-03-03", 2),
                    simple("C", "2024-03-03", 10)));
            List<KpiReport> daily = acc.series(new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-02"),
                    LocalDate.parse("2024-03-04")), 1);
            assertThat(daily).extracting(x -> x.overall().closed()).containsExactly(1L, 2L);
            List<KpiReport> rolling = acc.series(new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-02"),
                    LocalDate.parse("2024-03-04")), 2);
            // window ending Mar 3 = [Mar 2, Mar 4): all three, p50 = sorted[ceil(1.5)-1] = 7200
            assertThat(rolling.get(1).overall().closed()).isEqualTo(3);
            assertThat(rolling.get(1).overall().orderCycleTime().p50().getAsLong()).isEqualTo(7200);
            assertThat(rolling.get(1).window().start()).isEqualTo(LocalDate.parse("2024-03-02"));
        }
    }

    @Nested
    class LiveEvents {
        private final OrderId id = OrderId.of("LIVE-P");
        private final Instant t0 = Instant.parse("2024-03-02T10:00:00Z");

        private OrderPlaced placed() {
            LineSpec spec = new LineSpec(LineId.of("L1"), Sku.of("SKU-1"), 1, Money.parse("10.00", "USD"),
                    Money.parse("4.00", "USD"));
            return new OrderPlaced(EventId.of("p1"), id, 1, t0, Channel.of(ChannelType.STORE), null, "k", null,
                    Currency.getInstance("USD"), null, null, LocationId.of("STORE-1"), t0.plusSeconds(86400),
                    List.of(spec));
        }

        @Test
        void pickup_readyThenPickedUp_countsAsShippedAndDelivered() {
            FulfillmentId f = FulfillmentId.of("F1");
            List<OrderEvent> events = List.of(placed(),
                    new FulfillmentCreated(EventId.of("p2"), id, 2, t0.plusSeconds(60), f, LocationId.of("STORE-1"),
                            true, List.of(new FulfillmentLine(LineId.of("L1"), 1)), null, Bucket.PENDING),
                    new FulfillmentStateChanged(EventId.of("p3"), id, 3, t0.plusSeconds(3600), f,
                            LocationId.of("STORE-1"), "PACKED", FulfillmentStatus.PACKED, "READY_FOR_PICKUP",
                            FulfillmentStatus.READY_FOR_PICKUP, null, List.of(new FulfillmentLine(LineId.of("L1"), 1))),
                    new FulfillmentStateChanged(EventId.of("p4"), id, 4, t0.plusSeconds(7200), f,
                            LocationId.of("STORE-1"), "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, "PICKED_UP",
                            FulfillmentStatus.PICKED_UP, null, List.of(new FulfillmentLine(LineId.of("L1"), 1))));
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.acceptAll(events);
            KpiReport r = acc.report(new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-04-01")));
            assertThat(r.overall().closedDelivered()).isEqualTo(1);
            assertThat(r.overall().orderCycleTime().sum()).isEqualTo(7200);
            assertThat(r.overall().orderToShipTime().sum()).isEqualTo(3600);
            rate(r.overall(), RateKpi.PERFECT_ORDER, 1, 1);
            assertThat(r.byChannel()).containsOnlyKeys("store");
        }

        @Test
        void lostParcel_closesOrderWithoutDelivery() {
            FulfillmentId f = FulfillmentId.of("F1");
            List<OrderEvent> events = List.of(placed(),
                    new FulfillmentShipped(EventId.of("p2"), id, 2, t0.plusSeconds(60), f, LocationId.of("DC-1"),
                            "DHL", null, List.of(new ShippedLine(LineId.of("L1"), Sku.of("SKU-1"), 1)), true, null),
                    new LineQuantityMoved(EventId.of("p3"), id, 3, t0.plusSeconds(864000), LineId.of("L1"),
                            Sku.of("SKU-1"), 1, Bucket.SHIPPED, Bucket.LOST, "F1", null, null));
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.acceptAll(events);
            KpiReport r = acc.report(new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-04-01")));
            assertThat(r.overall().closed()).isEqualTo(1);
            assertThat(r.overall().closedDelivered()).isZero();
            rate(r.overall(), RateKpi.IN_FULL, 0, 1);
            assertThat(r.byCarrier()).containsOnlyKeys("DHL");
        }
    }
}
