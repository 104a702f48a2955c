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
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the JSON tests: every event type and whole snapshots, with awkward but valid
 * values (unicode and escapes in strings, currencies with 0, 2, 3 and 4 fraction digits, extreme amounts,
 * signed zero and boundary coordinates, nanosecond instants, absent optional values). Values satisfy the SPI
 * constructors; they do not form consistent order histories. Stateless; thread-safe.
 */
final class JsonGenerators {
    /** Code points that strings are drawn from: ASCII, JSON escapes, accents, CJK, an emoji (a surrogate pair). */
    private static final int[] ID_CHARS = "abcxyzABZ0189-_.:/@#+ \"\\'éßЖ中€".codePoints().toArray();
    private static final int[] TEXT_EXTRA = {'\n', '\t', '\r', 0x0001, 0x2028, 0x1F600};
    private static final List<Currency> CURRENCIES = List.of("USD", "EUR", "JPY", "BHD", "CLF", "GBP").stream()
            .map(Currency::getInstance).toList();

    private JsonGenerators() {
    }

    // --- leaves -----------------------------------------------------------------------------------------

    private static int between(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    private static long between(RandomnessSource in, long min, long max) {
        return Generate.longRange(min, max).generate(in);
    }

    private static boolean bool(RandomnessSource in) {
        return Generate.booleans().generate(in);
    }

    private static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(between(in, 0, values.size() - 1));
    }

    private static <E extends Enum<E>> E any(RandomnessSource in, Class<E> type) {
        return Generate.enumValues(type).generate(in);
    }

    /** One time in three, null. */
    private static <T> T nullable(RandomnessSource in, Gen<T> gen) {
        return between(in, 0, 2) == 0 ? null : gen.generate(in);
    }

    private static <T> List<T> listOf(RandomnessSource in, Gen<T> gen, int min, int max) {
        int n = between(in, min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(gen.generate(in));
        }
        return out;
    }

    /** A valid id: 1 to 24 code points, not blank, no control characters. */
    static Gen<String> ids() {
        return in -> {
            StringBuilder b = new StringBuilder();
            int n = between(in, 1, 24);
            for (int i = 0; i < n; i++) {
                b.appendCodePoint(ID_CHARS[between(in, 0, ID_CHARS.length - 1)]);
            }
            return b.toString().isBlank() ? "x" + b : b.toString();
        };
    }

    /** Free text: may be empty, and may hold control characters and line separators. */
    static Gen<String> texts() {
        return in -> {
            StringBuilder b = new StringBuilder();
            int n = between(in, 0, 30);
            for (int i = 0; i < n; i++) {
                b.appendCodePoint(between(in, 0, 5) == 0 ? TEXT_EXTRA[between(in, 0, TEXT_EXTRA.length - 1)]
                        : ID_CHARS[between(in, 0, ID_CHARS.length - 1)]);
            }
            return b.toString();
        };
    }

    private static <T> Gen<T> ids(Function<String, T> make) {
        return ids().map(make);
    }

    /** Instants from year 1 to 9999, whole seconds or with milli-, micro- or nanoseconds. */
    static Gen<Instant> instants() {
        return in -> {
            long seconds = between(in, -62_135_596_800L, 253_402_300_799L);
            int nanos;
            switch (between(in, 0, 3)) {
                case 0:
                    nanos = 0;
                    break;
                case 1:
                    nanos = between(in, 0, 999) * 1_000_000;
                    break;
                case 2:
                    nanos = between(in, 0, 999_999) * 1_000;
                    break;
                default:
                    nanos = between(in, 0, 999_999_999);
                    break;
            }
            return Instant.ofEpochSecond(seconds, nanos);
        };
    }

    static Gen<Currency> currencies() {
        return Generate.pick(CURRENCIES);
    }

    /** Any amount in {@code currency}, extremes of a long included. */
    static Money money(RandomnessSource in, Currency currency, boolean nonNegative) {
        long minor;
        switch (between(in, 0, 4)) {
            case 0:
                minor = nonNegative ? Long.MAX_VALUE : pick(in, List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L));
                break;
            case 1:
                minor = 0;
                break;
            default:
                minor = between(in, nonNegative ? 0L : -1_000_000_000L, 1_000_000_000L);
                break;
        }
        return new Money(minor, currency);
    }

    static Gen<Money> money() {
        return in -> money(in, currencies().generate(in), false);
    }

    static Gen<GeoPoint> points() {
        return in -> {
            double lat;
            double lon;
            if (between(in, 0, 4) == 0) {
                lat = pick(in, List.of(-90.0, 90.0, 0.0, -0.0));
                lon = pick(in, List.of(-180.0, 180.0, 0.0, -0.0));
            } else {
                lat = -90.0 + 180.0 * between(in, 0, Integer.MAX_VALUE) / Integer.MAX_VALUE;
                lon = -180.0 + 360.0 * (between(in, 0, Integer.MAX_VALUE) / (double) Integer.MAX_VALUE);
            }
            return new GeoPoint(lat, lon);
        };
    }

    static Gen<Address> addresses() {
        return in -> new Address(nullable(in, texts()), ids().generate(in), nullable(in, texts()), ids().generate(in),
                nullable(in, texts()), nullable(in, ids()), pick(in, List.of("US", "DE", "FR", "JP", "GB")),
                nullable(in, points()));
    }

    static Gen<Channel> channels() {
        return in -> new Channel(any(in, ChannelType.class), ids().generate(in));
    }

    static Gen<HoldType> holdTypes() {
        return in -> between(in, 0, 1) == 0
                ? pick(in, List.of(HoldType.FRAUD_REVIEW, HoldType.PAYMENT, HoldType.ADDRESS, HoldType.MANUAL))
                : HoldType.of(ids().generate(in));
    }

    static Gen<Hold> holds() {
        return in -> new Hold(ids(HoldId::of).generate(in), holdTypes().generate(in), nullable(in, texts()),
                texts().generate(in), nullable(in, ids(LineId::of)), instants().generate(in));
    }

    static Gen<FraudAssessment> assessments() {
        return in -> new FraudAssessment(any(in, FraudDecision.class), between(in, 0, 100), listOf(in, ids(), 0, 3));
    }

    static LineSpec lineSpec(RandomnessSource in, Currency currency, int quantity) {
        return new LineSpec(ids(LineId::of).generate(in), ids(Sku::of).generate(in), quantity,
                money(in, currency, true), nullable(in, c -> money(c, currency, false)));
    }

    static Gen<LineSpec> lineSpecs(Currency currency) {
        return in -> lineSpec(in, currency, between(in, 1, Integer.MAX_VALUE));
    }

    static Gen<BucketCounts> bucketCounts() {
        return in -> {
            Map<Bucket, Integer> m = new EnumMap<>(Bucket.class);
            int n = between(in, 1, 4);
            for (int i = 0; i < n; i++) {
                m.put(any(in, Bucket.class), between(in, 0, 500));
            }
            m.put(any(in, Bucket.class), between(in, 1, 500));
            return BucketCounts.of(m);
        };
    }

    static Gen<OrderLine> orderLines(Currency currency) {
        return in -> {
            BucketCounts buckets = bucketCounts().generate(in);
            return new OrderLine(lineSpec(in, currency, buckets.total()), buckets, nullable(in, ids(ReturnId::of)));
        };
    }

    static Gen<FulfillmentLine> fulfillmentLines() {
        return in -> new FulfillmentLine(ids(LineId::of).generate(in), between(in, 1, 10_000));
    }

    static Gen<Fulfillment> fulfillments() {
        return in -> new Fulfillment(ids(FulfillmentId::of).generate(in), ids(LocationId::of).generate(in),
                ids().generate(in), any(in, FulfillmentStatus.class), bool(in), listOf(in, fulfillmentLines(), 0, 3),
                nullable(in, ids()), nullable(in, ids()), nullable(in, ids()), nullable(in, instants()),
                nullable(in, instants()), listOf(in, ids(), 0, 3));
    }

    static Gen<PaymentTransaction> transactions(Currency currency) {
        return in -> new PaymentTransaction(any(in, TransactionType.class), money(in, currency, true), ids().generate(in),
                bool(in), instants().generate(in));
    }

    /** Pending payment requests: a target except for authorizations, a return only on some refunds. */
    static Gen<PaymentRequest> paymentRequests(Currency currency) {
        return in -> {
            TransactionType type = any(in, TransactionType.class);
            long minor = between(in, 0, 3) == 0 ? Long.MAX_VALUE : between(in, 1L, 1_000_000_000L);
            return new PaymentRequest(ids().generate(in), type, new Money(minor, currency),
                    type == TransactionType.AUTHORIZATION ? null : ids().generate(in),
                    type == TransactionType.REFUND ? nullable(in, ids(ReturnId::of)) : null, instants().generate(in));
        };
    }

    static Gen<ReturnLine> returnLines() {
        return in -> {
            int quantity = between(in, 1, 1000);
            return new ReturnLine(ids(LineId::of).generate(in), quantity, nullable(in, texts()), between(in, 0, quantity),
                    any(in, InspectionResult.class), nullable(in, c -> any(c, Disposition.class)));
        };
    }

    static Gen<OrderReturn> returns() {
        return in -> new OrderReturn(ids(ReturnId::of).generate(in), any(in, ReturnStatus.class),
                listOf(in, returnLines(), 0, 3), bool(in), nullable(in, c -> any(c, Resolution.class)),
                instants().generate(in));
    }

    static Gen<ShippedLine> shippedLines() {
        return in -> new ShippedLine(ids(LineId::of).generate(in), ids(Sku::of).generate(in), between(in, 1, 10_000));
    }

    static Gen<ReturnedUnits> returnedUnits() {
        return in -> new ReturnedUnits(ids(LineId::of).generate(in), ids(Sku::of).generate(in), between(in, 1, 10_000),
                nullable(in, texts()));
    }

    // --- snapshots --------------------------------------------------------------------------------------

    /** Whole snapshots: 0 to 4 of each kind of part, optional values sometimes absent. */
    static Gen<OrderSnapshot> snapshots() {
        return in -> {
            Currency currency = currencies().generate(in);
            OrderStatus status = any(in, OrderStatus.class);
            return new OrderSnapshot(ids(OrderId::of).generate(in), between(in, 1L, Long.MAX_VALUE),
                    between(in, 0, 1) == 0 ? status.name() : ids().generate(in), status, channels().generate(in),
                    nullable(in, ids()), ids().generate(in), nullable(in, ids(CustomerId::of)), currency,
                    nullable(in, addresses()), nullable(in, addresses()), nullable(in, ids(LocationId::of)),
                    instants().generate(in), nullable(in, instants()), listOf(in, orderLines(currency), 0, 4),
                    listOf(in, holds(), 0, 3), listOf(in, fulfillments(), 0, 3), listOf(in, transactions(currency), 0, 4),
                    listOf(in, returns(), 0, 2), nullable(in, assessments()), instants().generate(in),
                    listOf(in, paymentRequests(currency), 0, 3));
        };
    }

    // --- events -----------------------------------------------------------------------------------------

    /** The fields every event has. */
    private record Head(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt) {
    }

    private static Head head(RandomnessSource in) {
        return new Head(ids(EventId::of).generate(in), ids(OrderId::of).generate(in), between(in, 1L, Long.MAX_VALUE),
                instants().generate(in));
    }

    /** One generator per event class; a test checks that every permitted subclass of OrderEvent has one. */
    static Map<Class<? extends OrderEvent>, Gen<OrderEvent>> eventsByClass() {
        Map<Class<? extends OrderEvent>, Gen<OrderEvent>> m = new LinkedHashMap<>();
        m.put(OrderPlaced.class, in -> {
            Head h = head(in);
            Currency currency = currencies().generate(in);
            return new OrderPlaced(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(), channels().generate(in),
                    nullable(in, ids()), ids().generate(in), nullable(in, ids(CustomerId::of)), currency,
                    nullable(in, addresses()), nullable(in, addresses()), nullable(in, ids(LocationId::of)),
                    nullable(in, instants()), listOf(in, lineSpecs(currency), 0, 4));
        });
        m.put(OrderConfirmed.class, in -> {
            Head h = head(in);
            return new OrderConfirmed(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt());
        });
        m.put(OrderRejected.class, in -> {
            Head h = head(in);
            return new OrderRejected(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(), texts().generate(in));
        });
        m.put(OrderCancelled.class, in -> {
            Head h = head(in);
            return new OrderCancelled(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    any(in, Initiator.class), texts().generate(in));
        });
        m.put(OrderCompleted.class, in -> {
            Head h = head(in);
            return new OrderCompleted(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt());
        });
        m.put(OrderStateChanged.class, in -> {
            Head h = head(in);
            return new OrderStateChanged(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(), ids().generate(in),
                    ids().generate(in), any(in, OrderStatus.class));
        });
        m.put(HoldPlaced.class, in -> {
            Head h = head(in);
            return new HoldPlaced(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(), holds().generate(in));
        });
        m.put(HoldReleased.class, in -> {
            Head h = head(in);
            return new HoldReleased(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(HoldId::of).generate(in), holdTypes().generate(in), texts().generate(in));
        });
        m.put(FraudScreened.class, in -> {
            Head h = head(in);
            return new FraudScreened(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    assessments().generate(in));
        });
        m.put(PaymentAuthorized.class, in -> {
            Head h = head(in);
            return new PaymentAuthorized(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    money(in, currencies().generate(in), true), ids().generate(in));
        });
        m.put(PaymentDeclined.class, in -> {
            Head h = head(in);
            return new PaymentDeclined(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    money(in, currencies().generate(in), true), ids().generate(in), texts().generate(in));
        });
        m.put(PaymentCaptured.class, in -> {
            Head h = head(in);
            return new PaymentCaptured(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    money(in, currencies().generate(in), true), ids().generate(in));
        });
        m.put(PaymentVoided.class, in -> {
            Head h = head(in);
            return new PaymentVoided(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    money(in, currencies().generate(in), true), ids().generate(in));
        });
        m.put(PaymentRefunded.class, in -> {
            Head h = head(in);
            return new PaymentRefunded(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    money(in, currencies().generate(in), true), ids().generate(in), nullable(in, ids(ReturnId::of)));
        });
        m.put(PaymentRequested.class, in -> {
            Head h = head(in);
            return new PaymentRequested(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    paymentRequests(currencies().generate(in)).generate(in));
        });
        m.put(PaymentRequestCompleted.class, in -> {
            Head h = head(in);
            boolean approved = bool(in);
            return new PaymentRequestCompleted(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids().generate(in), approved, ids().generate(in), approved ? null : nullable(in, texts()));
        });
        m.put(LineQuantityMoved.class, in -> {
            Head h = head(in);
            return new LineQuantityMoved(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(LineId::of).generate(in), ids(Sku::of).generate(in), between(in, 1, Integer.MAX_VALUE),
                    any(in, Bucket.class), any(in, Bucket.class), nullable(in, ids()),
                    nullable(in, c -> any(c, Initiator.class)), nullable(in, texts()));
        });
        m.put(LineAdded.class, in -> {
            Head h = head(in);
            return new LineAdded(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    lineSpecs(currencies().generate(in)).generate(in), nullable(in, ids(ReturnId::of)));
        });
        m.put(FulfillmentCreated.class, in -> {
            Head h = head(in);
            return new FulfillmentCreated(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(FulfillmentId::of).generate(in), ids(LocationId::of).generate(in), bool(in),
                    listOf(in, fulfillmentLines(), 0, 4), nullable(in, ids()), nullable(in, i -> any(i, Bucket.class)));
        });
        m.put(FulfillmentStateChanged.class, in -> {
            Head h = head(in);
            return new FulfillmentStateChanged(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(FulfillmentId::of).generate(in), ids(LocationId::of).generate(in), ids().generate(in),
                    any(in, FulfillmentStatus.class), ids().generate(in), any(in, FulfillmentStatus.class),
                    nullable(in, texts()), listOf(in, fulfillmentLines(), 0, 4));
        });
        m.put(FulfillmentShipped.class, in -> {
            Head h = head(in);
            return new FulfillmentShipped(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(FulfillmentId::of).generate(in), ids(LocationId::of).generate(in), nullable(in, ids()),
                    nullable(in, ids()), listOf(in, shippedLines(), 0, 4), bool(in),
                    nullable(in, i -> any(i, Bucket.class)));
        });
        m.put(FulfillmentDelivered.class, in -> {
            Head h = head(in);
            return new FulfillmentDelivered(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(FulfillmentId::of).generate(in), ids(LocationId::of).generate(in), bool(in),
                    listOf(in, fulfillmentLines(), 0, 4));
        });
        m.put(TrackingEventRecorded.class, in -> {
            Head h = head(in);
            return new TrackingEventRecorded(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(FulfillmentId::of).generate(in), ids().generate(in), ids().generate(in), nullable(in, texts()));
        });
        m.put(ReturnRequested.class, in -> {
            Head h = head(in);
            return new ReturnRequested(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in), listOf(in, returnedUnits(), 0, 4), bool(in));
        });
        m.put(ReturnApproved.class, in -> {
            Head h = head(in);
            return new ReturnApproved(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in));
        });
        m.put(ReturnRejected.class, in -> {
            Head h = head(in);
            return new ReturnRejected(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in), nullable(in, texts()));
        });
        m.put(ReturnCancelled.class, in -> {
            Head h = head(in);
            return new ReturnCancelled(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in));
        });
        m.put(ReturnReceived.class, in -> {
            Head h = head(in);
            return new ReturnReceived(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in), nullable(in, ids(LocationId::of)), listOf(in, returnedUnits(), 0, 4));
        });
        m.put(ReturnInspected.class, in -> {
            Head h = head(in);
            return new ReturnInspected(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in), ids(LineId::of).generate(in), any(in, InspectionResult.class),
                    any(in, Disposition.class));
        });
        m.put(ReturnClosed.class, in -> {
            Head h = head(in);
            return new ReturnClosed(h.eventId(), h.orderId(), h.orderVersion(), h.occurredAt(),
                    ids(ReturnId::of).generate(in), any(in, Resolution.class));
        });
        return m;
    }

    /** Events of every type, each type equally likely. */
    static Gen<OrderEvent> events() {
        List<Gen<OrderEvent>> gens = List.copyOf(eventsByClass().values());
        return in -> gens.get(between(in, 0, gens.size() - 1)).generate(in);
    }

    /** Lists of 0 to 20 events. */
    static Gen<List<OrderEvent>> eventLists() {
        Gen<OrderEvent> events = events();
        return in -> listOf(in, events, 0, 20);
    }
}
