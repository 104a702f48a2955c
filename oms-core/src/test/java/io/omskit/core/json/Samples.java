package io.omskit.core.json;

import io.omskit.spi.event.FraudScreened;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.HoldPlaced;
import io.omskit.spi.event.HoldReleased;
import io.omskit.spi.event.LineAdded;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderCompleted;
import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.OrderRejected;
import io.omskit.spi.event.OrderStateChanged;
import io.omskit.spi.event.PaymentAuthorized;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.event.PaymentDeclined;
import io.omskit.spi.event.PaymentRefunded;
import io.omskit.spi.event.PaymentRequestCompleted;
import io.omskit.spi.event.PaymentRequested;
import io.omskit.spi.event.PaymentVoided;
import io.omskit.spi.event.ReturnApproved;
import io.omskit.spi.event.ReturnCancelled;
import io.omskit.spi.event.ReturnClosed;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnRejected;
import io.omskit.spi.event.ReturnRequested;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.event.TrackingEventRecorded;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.BucketCounts;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed sample values: one event per event type and one rich snapshot. They are what the golden files under
 * {@code src/test/resources/golden} hold. Every top-level property of every event and of the snapshot is
 * populated, so that each golden file shows its whole shape; the values need not make one consistent order.
 * Stateless; thread-safe.
 */
final class Samples {
    static final OrderId ORDER = OrderId.of("ord-1001");
    static final Instant T0 = Instant.parse("2024-03-04T15:20:11Z");
    static final Currency USD = Currency.getInstance("USD");
    static final LineId L1 = LineId.of("ln-1");
    static final LineId L2 = LineId.of("ln-2");
    static final LineId L3 = LineId.of("ln-3");
    static final Sku MUG = Sku.of("SKU-MUG-01");
    static final Sku TEE = Sku.of("SKU-TEE-M");
    static final Sku CAP = Sku.of("SKU-CAP-9");
    static final FulfillmentId F1 = FulfillmentId.of("ful-1");
    static final FulfillmentId F2 = FulfillmentId.of("ful-2");
    static final LocationId DC = LocationId.of("dc-newark");
    static final LocationId STORE = LocationId.of("store-soho");
    static final ReturnId R1 = ReturnId.of("ret-1");

    private Samples() {
    }

    static Money usd(String amount) {
        return Money.parse(amount, "USD");
    }

    static EventId eventId(long version, int index) {
        return EventId.of(ORDER.value() + "-" + version + "-" + index);
    }

    static Instant at(long minutes) {
        return T0.plusSeconds(60 * minutes);
    }

    static Address shipTo() {
        return new Address("Ada Lovelace", "12 Example Street", "Apt 4B", "New York", "NY", "10012", "US",
                new GeoPoint(40.7246, -73.9981));
    }

    static Address billTo() {
        return new Address(null, "1 Billing Plaza", null, "Hoboken", "NJ", "07030", "US", null);
    }

    static List<LineSpec> lineSpecs() {
        return List.of(
                new LineSpec(L1, MUG, 3, usd("12.50"), usd("4.10")),
                new LineSpec(L2, TEE, 2, usd("19.99"), null),
                new LineSpec(L3, CAP, 1, usd("0.00"), usd("0.00")));
    }

    static FraudAssessment assessment() {
        return new FraudAssessment(FraudDecision.REVIEW, 62, List.of("amount_over_limit", "new_customer"));
    }

    static Hold hold() {
        return new Hold(HoldId.of("hold-1"), HoldType.FRAUD_REVIEW, "score 62 needs a look", "fraud-screen", null, at(1));
    }

    /** One sample of every event type, keyed by type name, in the order an order's life shows them. */
    static Map<String, OrderEvent> events() {
        Map<String, OrderEvent> m = new LinkedHashMap<>();
        put(m, new OrderPlaced(eventId(1, 0), ORDER, 1, T0, new Channel(ChannelType.WEB, "web-us"), "WEB-778812",
                "idem-7f3a9c", CustomerId.of("cust-42"), USD, shipTo(), billTo(), STORE, Instant.parse("2024-03-08T23:59:59Z"),
                lineSpecs()));
        put(m, new OrderStateChanged(eventId(2, 0), ORDER, 2, at(1), "PLACED", "IN_REVIEW", OrderStatus.IN_REVIEW));
        put(m, new FraudScreened(eventId(2, 1), ORDER, 2, at(1), assessment()));
        put(m, new HoldPlaced(eventId(2, 2), ORDER, 2, at(1), hold()));
        put(m, new PaymentAuthorized(eventId(3, 0), ORDER, 3, at(2), usd("77.48"), "auth-psp-001"));
        put(m, new PaymentDeclined(eventId(3, 1), ORDER, 3, at(2), usd("77.48"), "auth-psp-000", "insufficient_funds"));
        put(m, new HoldReleased(eventId(4, 0), ORDER, 4, at(30), HoldId.of("hold-1"), HoldType.FRAUD_REVIEW, "agent-17"));
        put(m, new OrderConfirmed(eventId(4, 1), ORDER, 4, at(30)));
        put(m, new FulfillmentCreated(eventId(5, 0), ORDER, 5, at(31), F1, DC, false,
                List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 1)), "res-ord-1001-1", Bucket.PENDING));
        put(m, new LineQuantityMoved(eventId(5, 1), ORDER, 5, at(31), L1, MUG, 3, Bucket.PENDING, Bucket.ALLOCATED,
                "ful-1", Initiator.SYSTEM, "routed"));
        put(m, new FulfillmentStateChanged(eventId(6, 0), ORDER, 6, at(60), F1, DC, "PLANNED",
                FulfillmentStatus.PLANNED, "RELEASED", FulfillmentStatus.RELEASED, "wave 12",
                List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 1))));
        put(m, new FulfillmentShipped(eventId(7, 0), ORDER, 7, at(240), F1, DC, "UPS", "1Z999AA10123456784",
                List.of(new ShippedLine(L1, MUG, 3), new ShippedLine(L2, TEE, 1)), true, Bucket.PACKED));
        put(m, new PaymentCaptured(eventId(7, 1), ORDER, 7, at(240), usd("57.49"), "cap-psp-001"));
        put(m, new TrackingEventRecorded(eventId(8, 0), ORDER, 8, at(600), F1, "ups-evt-5521", "IN_TRANSIT",
                "Departed facility \"Newark, NJ\""));
        put(m, new FulfillmentDelivered(eventId(9, 0), ORDER, 9, at(2000), F1, DC, false,
                List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 1))));
        put(m, new ReturnRequested(eventId(10, 0), ORDER, 10, at(5000), R1,
                List.of(new ReturnedUnits(L1, MUG, 1, "defective")), true));
        put(m, new ReturnApproved(eventId(11, 0), ORDER, 11, at(5010), R1));
        put(m, new ReturnReceived(eventId(12, 0), ORDER, 12, at(7000), R1, STORE,
                List.of(new ReturnedUnits(L1, MUG, 1, null))));
        put(m, new ReturnInspected(eventId(13, 0), ORDER, 13, at(7100), R1, L1, InspectionResult.ACCEPTED,
                Disposition.UNSELLABLE));
        put(m, new LineAdded(eventId(14, 0), ORDER, 14, at(7200),
                new LineSpec(LineId.of("ln-4"), MUG, 1, usd("0.00"), usd("4.10")), R1));
        put(m, new PaymentRefunded(eventId(15, 0), ORDER, 15, at(7300), usd("12.50"), "ref-psp-001", R1));
        put(m, new ReturnClosed(eventId(15, 1), ORDER, 15, at(7300), R1, Resolution.EXCHANGE));
        put(m, new ReturnRejected(eventId(16, 0), ORDER, 16, at(7400), ReturnId.of("ret-2"), "outside_return_window"));
        put(m, new ReturnCancelled(eventId(17, 0), ORDER, 17, at(7500), ReturnId.of("ret-3")));
        put(m, new PaymentVoided(eventId(18, 0), ORDER, 18, at(7600), usd("19.99"), "void-psp-001"));
        put(m, new OrderCompleted(eventId(19, 0), ORDER, 19, at(8000)));
        put(m, new PaymentRequested(eventId(20, 0), ORDER, 20, at(8100), new PaymentRequest("ord-1001:refund:20",
                TransactionType.REFUND, usd("12.50"), "cap-psp-001", R1, at(8100))));
        put(m, new PaymentRequestCompleted(eventId(21, 0), ORDER, 21, at(8160), "ord-1001:refund:20", false,
                "ref-psp-002", "amount_exceeds_capture"));
        put(m, new OrderCancelled(eventId(2, 0), OrderId.of("ord-1002"), 2, at(5), Initiator.CUSTOMER,
                "customer_request"));
        put(m, new OrderRejected(eventId(3, 0), OrderId.of("ord-1003"), 3, at(6), "payment_declined"));
        return m;
    }

    private static void put(Map<String, OrderEvent> m, OrderEvent e) {
        if (m.put(e.type(), e) != null) {
            throw new IllegalStateException("two samples of " + e.type());
        }
    }

    private static BucketCounts buckets(Object... bucketAndCount) {
        Map<Bucket, Integer> m = new EnumMap<>(Bucket.class);
        for (int i = 0; i < bucketAndCount.length; i += 2) {
            m.put((Bucket) bucketAndCount[i], (Integer) bucketAndCount[i + 1]);
        }
        return BucketCounts.of(m);
    }

    /** A rich snapshot: lines in several buckets, a hold, two fulfillments, a payment ledger and a return. */
    static OrderSnapshot snapshot() {
        List<LineSpec> specs = lineSpecs();
        List<OrderLine> lines = List.of(
                new OrderLine(specs.get(0), buckets(Bucket.DELIVERED, 2, Bucket.RETURN_REQUESTED, 1), null),
                new OrderLine(specs.get(1), buckets(Bucket.SHIPPED, 1, Bucket.BACKORDERED, 1), null),
                new OrderLine(specs.get(2), buckets(Bucket.READY_FOR_PICKUP, 1), null),
                new OrderLine(new LineSpec(LineId.of("ln-4"), MUG, 1, usd("0.00"), null),
                        buckets(Bucket.PENDING, 1), R1));
        Hold manual = new Hold(HoldId.of("hold-2"), HoldType.of("VIP_CHECK"), "call customer first", "agent-17", L2, at(300));
        List<Fulfillment> fulfillments = List.of(
                new Fulfillment(F1, DC, "SHIPPED", FulfillmentStatus.SHIPPED, false,
                        List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 1)), "UPS", "1Z999AA10123456784",
                        "res-ord-1001-1", at(240), null, List.of("ups-evt-5521", "ups-evt-5522")),
                new Fulfillment(F2, STORE, "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, true,
                        List.of(new FulfillmentLine(L3, 1)), null, null, null, null, null, List.of()));
        List<PaymentTransaction> payments = List.of(
                new PaymentTransaction(TransactionType.AUTHORIZATION, usd("77.48"), "auth-psp-000", false, at(2)),
                new PaymentTransaction(TransactionType.AUTHORIZATION, usd("77.48"), "auth-psp-001", true, at(3)),
                new PaymentTransaction(TransactionType.CAPTURE, usd("57.49"), "cap-psp-001", true, at(240)),
                new PaymentTransaction(TransactionType.REFUND, usd("12.50"), "ref-psp-001", true, at(7300)));
        List<OrderReturn> returns = List.of(new OrderReturn(R1, ReturnStatus.RECEIVED,
                List.of(new ReturnLine(L1, 1, "defective", 1, InspectionResult.PENDING, null)), true, null, at(5000)));
        return new OrderSnapshot(ORDER, 14, "CONFIRMED", OrderStatus.CONFIRMED, new Channel(ChannelType.WEB, "web-us"),
                "WEB-778812", "idem-7f3a9c", CustomerId.of("cust-42"), USD, shipTo(), billTo(), STORE, T0,
                Instant.parse("2024-03-08T23:59:59Z"), lines, List.of(manual), fulfillments, payments, returns,
                assessment(), at(7200), List.of(new PaymentRequest("ord-1001:capture:14", TransactionType.CAPTURE,
                        usd("19.99"), "auth-psp-001", null, at(7200))));
    }
}
