package io.omskit.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.Disposition;
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
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.OrderStatus;
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
import java.util.List;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The oms-core tests' shared QuickTheories generators: orders, lines, money, and commands derived from the
 * current snapshot, both sensible ones (most of them accepted) and nonsensical ones (unknown ids, wrong
 * states, over-quantities, foreign currency) that the decider must refuse.
 *
 * <p>Stateless; thread-safe. A command sequence is generated as a list of {@link Step}s, small integer
 * tuples that {@link #next(OrderSnapshot, Step, int)} turns into a command <em>against the snapshot of that
 * moment</em>: so every command fits the order as it is, and QuickTheories shrinks a failing sequence by
 * shrinking plain integers and the list length. The interpretation is a pure function of (snapshot, step,
 * index), so a shrunk sequence replays exactly.
 */
final class CoreGenerators {

    /** The instant of the first command; step {@code i} happens {@code i + 1} minutes later. */
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    /** The currencies orders are placed in (JPY has no minor unit, which catches scale mistakes). */
    static final List<Currency> CURRENCIES = List.of(Currency.getInstance("USD"), Currency.getInstance("EUR"),
            Currency.getInstance("GBP"), Currency.getInstance("JPY"));

    static final LocationId DC_EAST = LocationId.of("dc-east");
    static final LocationId DC_WEST = LocationId.of("dc-west");
    static final LocationId STORE = LocationId.of("store-17");

    /** Ids no generated order ever has. */
    static final LineId UNKNOWN_LINE = LineId.of("no-such-line");
    static final FulfillmentId UNKNOWN_FULFILLMENT = FulfillmentId.of("no-such-fulfillment");
    static final ReturnId UNKNOWN_RETURN = ReturnId.of("no-such-return");
    static final HoldId UNKNOWN_HOLD = HoldId.of("no-such-hold");

    private static final int SKU_POOL = 9;

    private CoreGenerators() {
    }

    // ------------------------------------------------------------------------------------------ values

    /** One of {@link #CURRENCIES}. */
    static Gen<Currency> currencies() {
        return Generate.pick(CURRENCIES);
    }

    /** A currency other than {@code c}. */
    static Currency foreign(Currency c) {
        return c.equals(CURRENCIES.get(0)) ? CURRENCIES.get(1) : CURRENCIES.get(0);
    }

    /** Amounts from {@code min} to {@code max} minor units of {@code currency}. */
    static Gen<Money> money(Currency currency, long min, long max) {
        return Generate.longRange(min, max).map(n -> new Money(n, currency));
    }

    /** A channel of any type. */
    static Gen<Channel> channels() {
        return Generate.enumValues(ChannelType.class).zip(integers().between(1, 3),
                (type, n) -> new Channel(type, type.name().toLowerCase(java.util.Locale.ROOT) + "-" + n));
    }

    /** The SKU at {@code index} of the generators' pool. */
    static Sku sku(int index) {
        return Sku.of("SKU-" + (100 + index));
    }

    /**
     * 1 to 4 lines in {@code currency}: ids {@code L1..L4}, distinct SKUs, quantities 1 to 5, unit prices
     * from 1 to 200.00 (minor units 1 to 20,000), a unit cost on some lines.
     */
    static Gen<List<LineSpec>> lines(Currency currency) {
        Gen<LineSpec> proto = integers().between(1, 5).zip(money(currency, 1, 20_000), Generate.booleans(),
                (qty, price, withCost) -> new LineSpec(LineId.of("L0"), sku(0), qty, price,
                        withCost ? new Money(price.minorUnits() / 2, currency) : null));
        return integers().between(0, SKU_POOL - 1).zip(lists().of(proto).ofSizeBetween(1, 4), (offset, protos) -> {
            List<LineSpec> out = new ArrayList<>();
            for (int i = 0; i < protos.size(); i++) {
                LineSpec p = protos.get(i);
                out.add(new LineSpec(LineId.of("L" + (i + 1)), sku((offset + i) % SKU_POOL), p.quantity(),
                        p.unitPrice(), p.unitCost()));
            }
            return List.copyOf(out);
        });
    }

    /**
     * Valid new orders: any channel and currency, 1 to 4 lines; a quarter of them are store pickups
     * (pickup location set, no delivery address).
     */
    static Gen<OrderCommand.Place> orders() {
        Gen<Boolean> pickup = integers().between(0, 3).map(n -> n == 3);
        return currencies().flatMap(currency -> integers().between(1, 999_999).zip(channels(), pickup,
                lines(currency), (n, channel, isPickup, lines) -> place(OrderId.of("O-" + n), channel, currency,
                        isPickup, lines)));
    }

    /** A new order with these lines, placed at {@link #T0}. */
    static OrderCommand.Place place(OrderId id, Channel channel, Currency currency, boolean pickup,
                                    List<LineSpec> lines) {
        Address home = Address.at("Lyon", "FR", new GeoPoint(45.76, 4.84));
        return new OrderCommand.Place(id, channel, "ext-" + id.value(), "idem-" + id.value(),
                CustomerId.of("C-" + id.value()), currency, pickup ? null : home, home, pickup ? STORE : null,
                T0.plusSeconds(5 * 86_400), lines, T0);
    }

    // ------------------------------------------------------------------------------------------ steps

    /**
     * One step of a command sequence, before interpretation.
     *
     * @param mode 0-99: below {@link #NONSENSE_FROM} a sensible command, else a nonsensical one
     * @param pick which of the candidate commands
     * @param a first free parameter (which line, fulfillment, return, quantity...)
     * @param b second free parameter
     */
    record Step(int mode, int pick, int a, int b) {
        static final int NONSENSE_FROM = 80;

        boolean sensible() {
            return mode < NONSENSE_FROM;
        }

        @Override
        public String toString() {
            return (sensible() ? "S" : "N") + "(" + pick + "," + a + "," + b + ")";
        }
    }

    /** Steps, 80% sensible and 20% nonsensical. */
    static Gen<Step> steps() {
        Gen<Integer> small = integers().between(0, 1000);
        return integers().between(0, 99).zip(small, small, small, Step::new);
    }

    /** Steps that are all sensible. */
    static Gen<Step> sensibleSteps() {
        Gen<Integer> small = integers().between(0, 1000);
        return integers().between(0, Step.NONSENSE_FROM - 1).zip(small, small, small, Step::new);
    }

    /**
     * An order and the command steps to run against it.
     *
     * @param place the capture
     * @param steps what follows it
     */
    record Scenario(OrderCommand.Place place, List<Step> steps) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Scenario[order ").append(place.orderId()).append(' ')
                    .append(place.currency()).append(place.pickupLocation() == null ? " ship" : " pickup")
                    .append(", lines=");
            for (LineSpec l : place.lines()) {
                sb.append(l.lineId()).append('x').append(l.quantity()).append('@').append(l.unitPrice().minorUnits())
                        .append(' ');
            }
            return sb.append(", ").append(steps.size()).append(" steps=").append(steps).append(']').toString();
        }
    }

    /** Orders with {@code min} to {@code max} mixed (sensible and nonsensical) steps. */
    static Gen<Scenario> scenarios(int min, int max) {
        return orders().zip(lists().of(steps()).ofSizeBetween(min, max), Scenario::new);
    }

    /** Orders with {@code min} to {@code max} sensible steps only. */
    static Gen<Scenario> sensibleScenarios(int min, int max) {
        return orders().zip(lists().of(sensibleSteps()).ofSizeBetween(min, max), Scenario::new);
    }

    /**
     * Real order histories: a generated order driven by {@code min} to {@code max} sensible steps through
     * {@code decider}; the events of every accepted command, in order (for JSON round trips, KPI inputs, stores).
     */
    static Gen<List<OrderEvent>> histories(OrderDecider decider, int min, int max) {
        return sensibleScenarios(min, max).map(sc -> {
            List<OrderEvent> events = new ArrayList<>();
            OrderSnapshot s = null;
            for (int i = -1; i < sc.steps().size(); i++) {
                OrderCommand c = i < 0 ? sc.place() : next(s, sc.steps().get(i), i).command();
                Decision d = decider.decide(s, c);
                if (d instanceof Decision.Accepted) {
                    s = ((Decision.Accepted) d).snapshot();
                    events.addAll(((Decision.Accepted) d).events());
                }
            }
            return List.copyOf(events);
        });
    }

    /** Store-pickup orders with {@code min} to {@code max} sensible steps only. */
    static Gen<Scenario> pickupScenarios(int min, int max) {
        Gen<OrderCommand.Place> pickups = currencies().flatMap(currency -> integers().between(1, 999_999).zip(
                channels(), lines(currency), (n, channel, lines) -> place(OrderId.of("O-" + n), channel, currency,
                        true, lines)));
        return pickups.zip(lists().of(sensibleSteps()).ofSizeBetween(min, max), Scenario::new);
    }

    /** When step {@code index} happens. */
    static Instant at(int index) {
        return T0.plusSeconds(60L * (index + 1));
    }

    // ------------------------------------------------------------------------------------------ commands

    /**
     * A command to send, with what must happen to it.
     *
     * @param command the command
     * @param label a short name for traces and statistics
     * @param mustReject true when no correct decider may accept it in any state (unknown id, over-quantity,
     *     foreign currency, wrong fulfillment state...)
     */
    record Planned(OrderCommand command, String label, boolean mustReject) {
        @Override
        public String toString() {
            return (mustReject ? "!" : "") + label + " " + command;
        }
    }

    /** Sensible commands for this snapshot, as a generator (for example-style tests). */
    static Gen<OrderCommand> sensibleCommands(OrderSnapshot s, int index) {
        return sensibleSteps().map(step -> next(s, step, index).command());
    }

    /** Nonsensical commands for this snapshot, each of which the decider must reject. */
    static Gen<OrderCommand> nonsensicalCommands(OrderSnapshot s, int index) {
        Gen<Integer> small = integers().between(0, 1000);
        return small.zip(small, small, (p, a, b) -> nonsense(s, new Step(99, p, a, b), index).command());
    }

    /** The command of step {@code index} against snapshot {@code s}. */
    static Planned next(OrderSnapshot s, Step step, int index) {
        if (step.sensible()) {
            List<Planned> c = sensible(s, step, index);
            if (!c.isEmpty()) {
                return c.get(step.pick() % c.size());
            }
        }
        return nonsense(s, step, index);
    }

    /** The sum of the ledger entries of one type (declined authorizations excluded), in minor units. */
    static long ledger(OrderSnapshot s, TransactionType type) {
        long n = 0;
        for (PaymentTransaction t : s.payments()) {
            if (t.type() == type && t.succeeded()) {
                n += t.amount().minorUnits();
            }
        }
        return n;
    }

    /** The order's goods total: every line's unit price times its quantity, in minor units. */
    static long goodsTotal(OrderSnapshot s) {
        long n = 0;
        for (OrderLine l : s.lines()) {
            n += l.spec().unitPrice().minorUnits() * l.quantity();
        }
        return n;
    }

    /** Units of a line that CancelLine may take: BACKORDERED, PENDING, ALLOCATED and RELEASED. */
    static int cancellable(OrderLine l) {
        return l.in(Bucket.PENDING) + l.in(Bucket.BACKORDERED) + l.in(Bucket.ALLOCATED) + l.in(Bucket.RELEASED);
    }

    private static List<OrderLine> linesWith(OrderSnapshot s, Function<OrderLine, Integer> units) {
        List<OrderLine> out = new ArrayList<>();
        for (OrderLine l : s.lines()) {
            if (units.apply(l) > 0) {
                out.add(l);
            }
        }
        return out;
    }

    private static <T> T choose(List<T> from, int n) {
        return from.get(Math.floorMod(n, from.size()));
    }

    /** 1 to {@code max}, from a free parameter. */
    private static int upTo(int max, int n) {
        return 1 + Math.floorMod(n, max);
    }

    /** 1 to {@code max}, from a free parameter. */
    private static long upTo(long max, int n) {
        return 1 + Math.floorMod((long) n, max);
    }

    private static Money amount(OrderSnapshot s, long minor) {
        return new Money(minor, s.currency());
    }

    private static String ref(String kind, int index) {
        return kind + "-" + (index + 1);
    }

    // ------------------------------------------------------------------------------------------ sensible

    /** Commands that fit the order as it is; most of them are accepted. Weight by repetition. */
    static List<Planned> sensible(OrderSnapshot s, Step step, int index) {
        List<Planned> c = new ArrayList<>();
        Instant at = at(index);
        int a = step.a();
        int b = step.b();
        OrderStatus status = s.status();
        long authorized = ledger(s, TransactionType.AUTHORIZATION);
        long captured = ledger(s, TransactionType.CAPTURE);
        long refunded = ledger(s, TransactionType.REFUND);
        long voided = ledger(s, TransactionType.VOID);
        // what the ledger and the payment calls written ahead leave
        long capturable = authorized - voided - captured - pending(s, TransactionType.CAPTURE)
                - pending(s, TransactionType.VOID);
        long refundable = captured - refunded - pending(s, TransactionType.REFUND);

        boolean open = status == OrderStatus.PLACED || status == OrderStatus.IN_REVIEW
                || status == OrderStatus.CONFIRMED;
        if (open) {
            for (Hold h : s.holds()) {
                c.add(new Planned(new OrderCommand.ReleaseHold(h.id(), "ops", at), "releaseHold", false));
                c.add(new Planned(new OrderCommand.ReleaseHold(h.id(), "ops", at), "releaseHold", false));
            }
            if (a % 8 == 0) {
                c.add(new Planned(new OrderCommand.PlaceHold(HoldId.of(ref("H", index)), HoldType.MANUAL,
                        "look at it", "ops", b % 2 == 0 ? null : choose(s.lines(), b).id(), at), "placeHold", false));
            }
            List<OrderLine> cancellable = linesWith(s, CoreGenerators::cancellable);
            if (!cancellable.isEmpty() && a % 3 == 0) {
                OrderLine l = choose(cancellable, b);
                c.add(new Planned(new OrderCommand.CancelLine(l.id(), upTo(cancellable(l), a / 3),
                        Initiator.CUSTOMER, "customer_request", at), "cancelLine", false));
            }
            if (a % 17 == 0) {
                c.add(new Planned(new OrderCommand.CancelOrder(Initiator.MERCHANT, "out_of_stock", at),
                        "cancelOrder", false));
            }
        }

        if (status == OrderStatus.PLACED || status == OrderStatus.IN_REVIEW) {
            long total = goodsTotal(s);
            long missing = total - (authorized - voided);
            if (missing > 0) {
                for (int i = 0; i < 3; i++) {
                    c.add(new Planned(new OrderCommand.RecordAuthorization(amount(s, missing), ref("auth", index), at),
                            "authorize", false));
                }
                if (missing > 1 && b % 4 == 0) {
                    c.add(new Planned(new OrderCommand.RecordAuthorization(amount(s, upTo(missing - 1, a)), ref("auth", index), at), "authorizePart", false));
                }
                if (b % 23 == 0 || b % 31 == 1) {
                    c.add(new Planned(new OrderCommand.RecordDecline(amount(s, missing), ref("auth", index),
                            "insufficient_funds", at), "decline", false));
                }
            }
            if (s.fraud() == null) {
                c.add(new Planned(new OrderCommand.RecordFraudAssessment(
                        new FraudAssessment(FraudDecision.ACCEPT, 5, List.of()), at), "fraudAccept", false));
                c.add(new Planned(new OrderCommand.RecordFraudAssessment(
                        new FraudAssessment(FraudDecision.ACCEPT, 12, List.of()), at), "fraudAccept", false));
                if (b % 3 == 0) {
                    c.add(new Planned(new OrderCommand.RecordFraudAssessment(
                            new FraudAssessment(FraudDecision.REVIEW, 55, List.of("velocity")), at), "fraudReview",
                            false));
                }
                if (b % 29 == 0) {
                    c.add(new Planned(new OrderCommand.RecordFraudAssessment(
                            new FraudAssessment(FraudDecision.REJECT, 97, List.of("stolen_card")), at), "fraudReject",
                            false));
                }
            }
            if (b % 5 == 0) {
                c.add(new Planned(new OrderCommand.Confirm("ops", at), "confirm", false));
            }
        }

        if (status == OrderStatus.CONFIRMED) {
            fulfilment(s, c, a, b, index, at);
        }

        if (status == OrderStatus.CONFIRMED || status == OrderStatus.COMPLETED) {
            returns(s, c, a, b, index, at);
        }

        // payments: capture, settle, void, refund (also sensible on a closed order: give money back)
        if (capturable > 0 && (status == OrderStatus.CONFIRMED || status == OrderStatus.COMPLETED)) {
            c.add(new Planned(new OrderCommand.RecordCapture(amount(s, capturable), ref("cap", index), at),
                    "capture", false));
            if (capturable > 1) {
                c.add(new Planned(new OrderCommand.RecordCapture(amount(s, upTo(capturable, a)), ref("cap", index), at), "capturePart", false));
            }
        }
        long net = captured - refunded;
        long due = goodsDue(s);
        if (net < due && due - net <= capturable && status != OrderStatus.PLACED && status != OrderStatus.IN_REVIEW) {
            c.add(new Planned(new OrderCommand.RecordCapture(amount(s, due - net), ref("cap", index), at), "settle",
                    false));
            c.add(new Planned(new OrderCommand.RecordCapture(amount(s, due - net), ref("cap", index), at), "settle",
                    false));
        }
        if (net > due && net - due <= refundable) {
            c.add(new Planned(new OrderCommand.RecordRefund(amount(s, net - due), ref("ref", index), null, at),
                    "settleRefund", false));
            c.add(new Planned(new OrderCommand.RecordRefund(amount(s, net - due), ref("ref", index), null, at),
                    "settleRefund", false));
        }
        if (capturable > 0 && (b % 7 == 0 || status.terminal())) {
            c.add(new Planned(new OrderCommand.RecordVoid(amount(s, capturable), ref("void", index), at), "void",
                    false));
        }
        if (refundable > 0 && !s.returns().isEmpty() && b % 5 == 2) {
            OrderReturn r = choose(s.returns(), a);
            c.add(new Planned(new OrderCommand.RecordRefund(amount(s, upTo(refundable, a)), ref("ref", index),
                    r.id(), at), "refundForReturn", false));
        }
        if (refundable > 0 && b % 5 == 1) {
            c.add(new Planned(new OrderCommand.RecordRefund(amount(s, upTo(refundable, a)), ref("ref", index), null, at), "refund", false));
        }
        writtenAhead(s, c, a, b, index, at, capturable, refundable);
        return c;
    }

    /** The amount of the order's pending payment requests of one type, in minor units. */
    static long pending(OrderSnapshot s, TransactionType type) {
        long n = 0;
        for (PaymentRequest r : s.paymentRequests()) {
            if (r.type() == type) {
                n += r.amount().minorUnits();
            }
        }
        return n;
    }

    /** The first successful ledger entry of a type, or null. */
    private static PaymentTransaction first(OrderSnapshot s, TransactionType type, int n) {
        List<PaymentTransaction> found = new ArrayList<>();
        for (PaymentTransaction t : s.payments()) {
            if (t.type() == type && t.succeeded()) {
                found.add(t);
            }
        }
        return found.isEmpty() ? null : choose(found, n);
    }

    /**
     * Payment calls written ahead, as the engine makes them: requests within what the ledger and the pending
     * requests leave, and the provider's answers (approved mostly, sometimes declined) to pending requests.
     */
    private static void writtenAhead(OrderSnapshot s, List<Planned> c, int a, int b, int index, Instant at,
                                     long capturable, long refundable) {
        OrderStatus status = s.status();
        if ((status == OrderStatus.PLACED || status == OrderStatus.IN_REVIEW) && b % 6 == 0
                && pending(s, TransactionType.AUTHORIZATION) == 0) {
            long missing = goodsTotal(s) - (ledger(s, TransactionType.AUTHORIZATION) - ledger(s, TransactionType.VOID));
            if (missing > 0) {
                c.add(new Planned(requestPayment(s, TransactionType.AUTHORIZATION, missing, null, null, at),
                        "requestAuthorization", false));
            }
        }
        PaymentTransaction auth = first(s, TransactionType.AUTHORIZATION, a);
        if (auth != null && capturable > 0 && a % 4 == 1
                && (status == OrderStatus.CONFIRMED || status == OrderStatus.COMPLETED)) {
            c.add(new Planned(requestPayment(s, TransactionType.CAPTURE, upTo(capturable, b), auth.providerReference(),
                    null, at), "requestCapture", false));
        }
        if (auth != null && capturable > 0 && status.terminal()) {
            c.add(new Planned(requestPayment(s, TransactionType.VOID, capturable, auth.providerReference(), null, at),
                    "requestVoid", false));
        }
        PaymentTransaction capture = first(s, TransactionType.CAPTURE, b);
        if (capture != null && refundable > 0 && a % 4 == 3) {
            ReturnId rid = !s.returns().isEmpty() && b % 2 == 0 ? choose(s.returns(), a).id() : null;
            c.add(new Planned(requestPayment(s, TransactionType.REFUND, upTo(refundable, b), capture.providerReference(),
                    rid, at), "requestRefund", false));
        }
        for (PaymentRequest r : s.paymentRequests()) {
            PaymentOutcome approved = PaymentOutcome.approved(ref("psp", index), r.amount());
            c.add(new Planned(new OrderCommand.CompletePayment(r.idempotencyKey(), approved, at), "completeApproved",
                    false));
            c.add(new Planned(new OrderCommand.CompletePayment(r.idempotencyKey(), approved, at), "completeApproved",
                    false));
            if (b % 5 == 0) {
                c.add(new Planned(new OrderCommand.CompletePayment(r.idempotencyKey(),
                        PaymentOutcome.declined(ref("psp", index), r.amount(), "do_not_honor"), at), "completeDeclined",
                        false));
            }
        }
    }

    private static OrderCommand.RequestPayments requestPayment(OrderSnapshot s, TransactionType type, long minor,
                                                               String target, ReturnId returnId, Instant at) {
        return new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(type, amount(s, minor), target,
                returnId)), at);
    }

    /**
     * What the order still charges for by this generator's estimate: the units not cancelled and not
     * returned, at their unit price. Used only to aim captures and refunds at a settled balance.
     */
    static long goodsDue(OrderSnapshot s) {
        long n = 0;
        for (OrderLine l : s.lines()) {
            n += l.spec().unitPrice().minorUnits() * (l.quantity() - l.in(Bucket.CANCELLED) - l.in(Bucket.RETURNED));
        }
        return n;
    }

    private static void fulfilment(OrderSnapshot s, List<Planned> c, int a, int b, int index, Instant at) {
        boolean pickup = s.pickupLocation() != null;
        // allocate PENDING units
        if (s.units(Bucket.PENDING) > 0) {
            Planned p = allocate(s, a, b, index, at);
            c.add(p);
            c.add(p);
            c.add(p);
        }
        List<OrderLine> backordered = linesWith(s, l -> l.in(Bucket.BACKORDERED));
        if (!backordered.isEmpty()) {
            OrderLine l = choose(backordered, a);
            c.add(new Planned(new OrderCommand.FillBackorder(new OrderCommand.PlannedFulfillment(
                    FulfillmentId.of(ref("F", index)), pickup ? STORE : DC_WEST, pickup,
                    List.of(new FulfillmentLine(l.id(), upTo(l.in(Bucket.BACKORDERED), b))), "res-" + (index + 1)), at),
                    "fillBackorder", false));
        }
        for (Fulfillment f : s.fulfillments()) {
            FulfillmentId id = f.id();
            switch (f.status()) {
                case PLANNED:
                    c.add(new Planned(new OrderCommand.Release(id, at), "release", false));
                    c.add(new Planned(new OrderCommand.Release(id, at), "release", false));
                    if (b % 9 == 0) {
                        c.add(new Planned(new OrderCommand.ReservationFailed(id, at), "reservationFailed", false));
                    }
                    break;
                case RELEASED:
                    c.add(new Planned(new OrderCommand.Pick(id, List.of(), at), "pick", false));
                    c.add(new Planned(new OrderCommand.Pick(id, List.of(), at), "pick", false));
                    if (b % 5 == 0) {
                        c.add(new Planned(new OrderCommand.Pick(id, f.lines(), at), "pickListed", false));
                    }
                    if (f.units() > 1 && b % 4 == 0) {
                        c.add(new Planned(new OrderCommand.Pick(id, shortPick(f, a), at), "shortPick", false));
                    }
                    break;
                case PICKING:
                    c.add(new Planned(new OrderCommand.Pack(id, at), "pack", false));
                    c.add(new Planned(new OrderCommand.Pack(id, at), "pack", false));
                    break;
                case PACKED:
                    if (f.pickup()) {
                        c.add(new Planned(new OrderCommand.ReadyForPickup(id, at), "readyForPickup", false));
                        c.add(new Planned(new OrderCommand.ReadyForPickup(id, at), "readyForPickup", false));
                    } else {
                        c.add(new Planned(new OrderCommand.Ship(id, "ups", "1Z" + (index + 1), at), "ship", false));
                        c.add(new Planned(new OrderCommand.Ship(id, "ups", "1Z" + (index + 1), at), "ship", false));
                    }
                    break;
                case SHIPPED:
                    c.add(new Planned(new OrderCommand.Deliver(id, b % 11 == 0, at), "deliver", false));
                    c.add(new Planned(new OrderCommand.Deliver(id, false, at), "deliver", false));
                    if (b % 4 == 0) {
                        c.add(new Planned(new OrderCommand.FailDelivery(id, "nobody_home", at), "failDelivery", false));
                    }
                    if (b % 7 == 0) {
                        c.add(new Planned(new OrderCommand.DeclareLost(id, "no_scan_for_10_days", at), "declareLost",
                                false));
                    }
                    if (b % 3 == 0) {
                        c.add(new Planned(new OrderCommand.RecordTracking(id, ref("trk", index), "IN_TRANSIT",
                                "left the hub", at), "tracking", false));
                    }
                    break;
                case DELIVERY_FAILED:
                    c.add(new Planned(new OrderCommand.Deliver(id, false, at), "redeliver", false));
                    if (b % 3 == 0) {
                        c.add(new Planned(new OrderCommand.DeclareLost(id, "returned_unreadable", at), "declareLost",
                                false));
                    }
                    break;
                case READY_FOR_PICKUP:
                    c.add(new Planned(new OrderCommand.PickedUp(id, at), "pickedUp", false));
                    c.add(new Planned(new OrderCommand.PickedUp(id, at), "pickedUp", false));
                    break;
                default:
                    break;
            }
        }
    }

    /** Pick all but one unit of one line (a short pick); lines left at zero are omitted. */
    private static List<FulfillmentLine> shortPick(Fulfillment f, int a) {
        int shortLine = Math.floorMod(a, f.lines().size());
        List<FulfillmentLine> out = new ArrayList<>();
        for (int i = 0; i < f.lines().size(); i++) {
            FulfillmentLine l = f.lines().get(i);
            int q = i == shortLine ? l.quantity() - 1 : l.quantity();
            if (q > 0) {
                out.add(new FulfillmentLine(l.lineId(), q));
            }
        }
        return out;
    }

    /**
     * Plans the PENDING units: each line sends 0 to all of its pending units, to one of one or two locations
     * (the pickup store for a pickup order); what is left will be backordered.
     */
    private static Planned allocate(OrderSnapshot s, int a, int b, int index, Instant at) {
        boolean pickup = s.pickupLocation() != null;
        List<FulfillmentLine> first = new ArrayList<>();
        List<FulfillmentLine> second = new ArrayList<>();
        int i = 0;
        for (OrderLine l : s.lines()) {
            int pending = l.in(Bucket.PENDING);
            if (pending == 0) {
                continue;
            }
            // mostly everything, sometimes part, sometimes nothing
            int r = Math.floorMod(a + 7 * i, 10);
            int q = r < 7 ? pending : r < 9 ? upTo(pending, b + i) : 0;
            if (q > 0) {
                boolean toSecond = !pickup && Math.floorMod(b + i, 3) == 0;
                (toSecond ? second : first).add(new FulfillmentLine(l.id(), q));
            }
            i++;
        }
        List<OrderCommand.PlannedFulfillment> plan = new ArrayList<>();
        if (!first.isEmpty()) {
            plan.add(new OrderCommand.PlannedFulfillment(FulfillmentId.of(ref("F", index) + "a"),
                    pickup ? STORE : DC_EAST, pickup, first, "res-" + (index + 1) + "a"));
        }
        if (!second.isEmpty()) {
            plan.add(new OrderCommand.PlannedFulfillment(FulfillmentId.of(ref("F", index) + "b"), DC_WEST, false,
                    second, "res-" + (index + 1) + "b"));
        }
        return new Planned(new OrderCommand.Allocate(plan, at), plan.isEmpty() ? "allocateNone" : "allocate", false);
    }

    private static void returns(OrderSnapshot s, List<Planned> c, int a, int b, int index, Instant at) {
        List<OrderLine> delivered = linesWith(s, l -> l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP));
        if (!delivered.isEmpty()) {
            OrderLine l = choose(delivered, a);
            List<OrderCommand.ReturnItem> items = List.of(new OrderCommand.ReturnItem(l.id(),
                    upTo(l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP), b), "changed_mind"));
            ReturnId rid = ReturnId.of(ref("R", index));
            c.add(new Planned(new OrderCommand.RequestReturn(rid, items, at), "requestReturn", false));
            if (b % 3 == 0) {
                LineSpec replacement = new LineSpec(LineId.of(ref("X", index)), Sku.of("SKU-X" + (index + 1)), 1,
                        l.spec().unitPrice(), null);
                c.add(new Planned(new OrderCommand.Exchange(rid, items, List.of(replacement), at), "exchange", false));
            }
        }
        for (OrderReturn r : s.returns()) {
            switch (r.status()) {
                case REQUESTED:
                    c.add(new Planned(new OrderCommand.ApproveReturn(r.id(), at), "approveReturn", false));
                    c.add(new Planned(new OrderCommand.ApproveReturn(r.id(), at), "approveReturn", false));
                    if (b % 7 == 0) {
                        c.add(new Planned(new OrderCommand.RejectReturn(r.id(), "worn", at), "rejectReturn", false));
                    }
                    if (b % 11 == 0) {
                        c.add(new Planned(new OrderCommand.CancelReturn(r.id(), at), "cancelReturn", false));
                    }
                    break;
                case APPROVED: {
                    List<OrderCommand.ReceivedItem> items = new ArrayList<>();
                    for (ReturnLine rl : r.lines()) {
                        int left = rl.quantity() - rl.received();
                        if (left > 0) {
                            items.add(new OrderCommand.ReceivedItem(rl.lineId(), b % 4 == 0 ? upTo(left, a) : left));
                        }
                    }
                    if (!items.isEmpty()) {
                        c.add(new Planned(new OrderCommand.ReceiveReturn(r.id(), DC_EAST, items, at), "receiveReturn",
                                false));
                        c.add(new Planned(new OrderCommand.ReceiveReturn(r.id(), DC_EAST, items, at), "receiveReturn",
                                false));
                    }
                    if (b % 13 == 0) {
                        c.add(new Planned(new OrderCommand.CancelReturn(r.id(), at), "cancelReturn", false));
                    }
                    boolean partlyReceived = false;
                    for (ReturnLine rl : r.lines()) {
                        partlyReceived |= rl.received() > 0;
                    }
                    if (partlyReceived) {
                        c.add(new Planned(new OrderCommand.CloseReturn(r.id(), Resolution.REFUND, at),
                                "closePartlyReceived", false));
                    }
                    break;
                }
                case RECEIVED: {
                    for (ReturnLine rl : r.lines()) {
                        if (rl.inspection() == InspectionResult.PENDING && rl.received() > 0) {
                            c.add(new Planned(new OrderCommand.InspectReturn(r.id(), rl.lineId(),
                                    a % 5 == 0 ? InspectionResult.REJECTED : InspectionResult.ACCEPTED,
                                    a % 5 == 0 ? Disposition.UNSELLABLE : Disposition.RESTOCK, at), "inspectReturn",
                                    false));
                        }
                    }
                    Resolution resolution = r.exchange() ? Resolution.EXCHANGE : b % 6 == 0 ? Resolution.STORE_CREDIT
                            : Resolution.REFUND;
                    c.add(new Planned(new OrderCommand.CloseReturn(r.id(), resolution, at), "closeReturn", false));
                    c.add(new Planned(new OrderCommand.CloseReturn(r.id(), resolution, at), "closeReturn", false));
                    break;
                }
                default:
                    break;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ nonsense

    /** A command no correct decider accepts, in any state; chosen among several kinds by {@code step.pick}. */
    static Planned nonsense(OrderSnapshot s, Step step, int index) {
        Instant at = at(index);
        int a = step.a();
        int b = step.b();
        OrderLine line = choose(s.lines(), a);
        Currency foreign = foreign(s.currency());
        long authorized = ledger(s, TransactionType.AUTHORIZATION);
        long captured = ledger(s, TransactionType.CAPTURE);
        long refunded = ledger(s, TransactionType.REFUND);
        long voided = ledger(s, TransactionType.VOID);
        int kind = Math.floorMod(step.pick(), 38);
        switch (kind) {
            case 0:
                return new Planned(new OrderCommand.CancelLine(UNKNOWN_LINE, 1, Initiator.CUSTOMER, "x", at),
                        "cancelUnknownLine", true);
            case 1:
                return new Planned(new OrderCommand.CancelLine(line.id(), cancellable(line) + 1 + b % 3,
                        Initiator.CUSTOMER, "x", at), "cancelTooMany", true);
            case 2:
                return new Planned(new OrderCommand.Release(UNKNOWN_FULFILLMENT, at), "releaseUnknown", true);
            case 3:
                return new Planned(new OrderCommand.Ship(UNKNOWN_FULFILLMENT, "ups", "1Z0", at), "shipUnknown", true);
            case 4: {
                Fulfillment f = notIn(s, a, FulfillmentStatus.PACKED);
                return f == null
                        ? new Planned(new OrderCommand.Pack(UNKNOWN_FULFILLMENT, at), "packUnknown", true)
                        : new Planned(new OrderCommand.Ship(f.id(), "ups", "1Z0", at), "shipNotPacked", true);
            }
            case 5: {
                Fulfillment f = notIn(s, a, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERY_FAILED);
                return f == null
                        ? new Planned(new OrderCommand.Deliver(UNKNOWN_FULFILLMENT, false, at), "deliverUnknown", true)
                        : new Planned(new OrderCommand.Deliver(f.id(), false, at), "deliverNotShipped", true);
            }
            case 6: {
                Fulfillment f = notIn(s, a, FulfillmentStatus.PLANNED);
                return f == null
                        ? new Planned(new OrderCommand.PickedUp(UNKNOWN_FULFILLMENT, at), "pickedUpUnknown", true)
                        : new Planned(new OrderCommand.Release(f.id(), at), "releaseNotPlanned", true);
            }
            case 7:
                return new Planned(new OrderCommand.RecordCapture(new Money(1 + b, foreign), ref("bad", index), at),
                        "captureForeign", true);
            case 8:
                return new Planned(new OrderCommand.RecordAuthorization(new Money(1 + b, foreign), ref("bad", index),
                        at), "authorizeForeign", true);
            case 9:
                return new Planned(new OrderCommand.RecordRefund(new Money(1 + b, foreign), ref("bad", index), null,
                        at), "refundForeign", true);
            case 10:
                return new Planned(new OrderCommand.RecordCapture(amount(s, authorized - voided - captured + 1 + b),
                        ref("bad", index), at), "captureTooMuch", true);
            case 11:
                return new Planned(new OrderCommand.RecordRefund(amount(s, captured - refunded + 1 + b),
                        ref("bad", index), null, at), "refundTooMuch", true);
            case 12:
                return new Planned(new OrderCommand.RecordVoid(amount(s, authorized - voided - captured + 1 + b),
                        ref("bad", index), at), "voidTooMuch", true);
            case 13:
                return new Planned(new OrderCommand.ApproveReturn(UNKNOWN_RETURN, at), "approveUnknownReturn", true);
            case 14:
                return new Planned(new OrderCommand.ReceiveReturn(UNKNOWN_RETURN, DC_EAST,
                        List.of(new OrderCommand.ReceivedItem(line.id(), 1)), at), "receiveUnknownReturn", true);
            case 15:
                return new Planned(new OrderCommand.RequestReturn(ReturnId.of(ref("R", index)),
                        List.of(new OrderCommand.ReturnItem(line.id(),
                                line.in(Bucket.DELIVERED) + line.in(Bucket.PICKED_UP) + 1 + b % 3, "x")), at),
                        "returnTooMany", true);
            case 16:
                return new Planned(new OrderCommand.ReleaseHold(UNKNOWN_HOLD, "ops", at), "releaseUnknownHold", true);
            case 17:
                return new Planned(new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(
                        FulfillmentId.of(ref("F", index)), DC_EAST, false,
                        List.of(new FulfillmentLine(line.id(), line.in(Bucket.PENDING) + 1 + b % 3)), null)), at),
                        "allocateTooMany", true);
            case 18:
                return new Planned(new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(
                        FulfillmentId.of(ref("F", index)), DC_EAST, false,
                        List.of(new FulfillmentLine(UNKNOWN_LINE, 1)), null)), at), "allocateUnknownLine", true);
            case 19:
                return new Planned(place(s.id(), s.channel(), s.currency(), false,
                        List.of(new LineSpec(LineId.of("L1"), sku(0), 1, amount(s, 100), null))), "placeAgain", true);
            case 20:
                return new Planned(new OrderCommand.RecordCapture(amount(s, -1 - b), ref("bad", index), at),
                        "captureNegative", true);
            case 22: {
                Fulfillment f = firstWhere(s, a, x -> x.pickup() && x.status() == FulfillmentStatus.PACKED);
                if (f != null) {
                    return new Planned(new OrderCommand.Ship(f.id(), "ups", "1Z0", at), "shipPickup", true);
                }
                f = firstWhere(s, a, x -> !x.pickup());
                return f == null
                        ? new Planned(new OrderCommand.ReadyForPickup(UNKNOWN_FULFILLMENT, at), "readyUnknown", true)
                        : new Planned(new OrderCommand.ReadyForPickup(f.id(), at), "readyNotPickup", true);
            }
            case 23: {
                Fulfillment f = firstWhere(s, a, x -> !x.trackingEventIds().isEmpty());
                return f == null
                        ? new Planned(new OrderCommand.RecordTracking(UNKNOWN_FULFILLMENT, "e1", "IN_TRANSIT", null, at),
                                "trackingUnknown", true)
                        : new Planned(new OrderCommand.RecordTracking(f.id(), choose(f.trackingEventIds(), b),
                                "IN_TRANSIT", null, at), "trackingRepeated", true);
            }
            case 24: {
                Fulfillment f = firstWhere(s, a, x -> x.status() == FulfillmentStatus.RELEASED);
                if (f != null) {
                    FulfillmentLine fl = choose(f.lines(), b);
                    return new Planned(new OrderCommand.Pick(f.id(), List.of(new FulfillmentLine(fl.lineId(),
                            fl.quantity() + 1 + b % 2)), at), "pickTooMany", true);
                }
                return new Planned(new OrderCommand.Pick(UNKNOWN_FULFILLMENT, List.of(), at), "pickUnknown", true);
            }
            case 25:
                return new Planned(new OrderCommand.FillBackorder(new OrderCommand.PlannedFulfillment(
                        FulfillmentId.of(ref("F", index)), DC_WEST, false, List.of(new FulfillmentLine(line.id(),
                                line.in(Bucket.BACKORDERED) + 1 + b % 2)), null), at), "fillTooMany", true);
            case 26: {
                OrderReturn r = returnWhere(s, a, x -> x.status() == ReturnStatus.APPROVED);
                if (r != null) {
                    ReturnLine rl = choose(r.lines(), b);
                    return new Planned(new OrderCommand.ReceiveReturn(r.id(), DC_EAST, List.of(
                            new OrderCommand.ReceivedItem(rl.lineId(), rl.quantity() - rl.received() + 1)), at),
                            "receiveTooMany", true);
                }
                return new Planned(new OrderCommand.InspectReturn(UNKNOWN_RETURN, line.id(), InspectionResult.ACCEPTED,
                        Disposition.RESTOCK, at), "inspectUnknownReturn", true);
            }
            case 27: {
                OrderReturn r = returnWhere(s, a, x -> x.status() == ReturnStatus.REQUESTED);
                return r == null
                        ? new Planned(new OrderCommand.CloseReturn(UNKNOWN_RETURN, Resolution.REFUND, at),
                                "closeUnknownReturn", true)
                        : new Planned(new OrderCommand.CloseReturn(r.id(), Resolution.REFUND, at), "closeRequested",
                                true);
            }
            case 28:
                return new Planned(new OrderCommand.RecordCapture(amount(s, 0), ref("bad", index), at), "captureZero",
                        true);
            case 29: {
                for (PaymentTransaction t : s.payments()) {
                    if (t.type() == TransactionType.AUTHORIZATION && t.succeeded()) {
                        return new Planned(new OrderCommand.RecordAuthorization(amount(s, 1), t.providerReference(),
                                at), "authorizeRepeatedRef", true);
                    }
                }
                return new Planned(new OrderCommand.RecordAuthorization(amount(s, -5), ref("bad", index), at),
                        "authorizeNegative", true);
            }
            case 30:
                if (!s.holds().isEmpty()) {
                    return new Planned(new OrderCommand.PlaceHold(choose(s.holds(), b).id(), HoldType.MANUAL, "again",
                            "ops", null, at), "holdRepeated", true);
                }
                return new Planned(new OrderCommand.PlaceHold(HoldId.of(ref("H", index)), HoldType.ADDRESS, "x",
                        "ops", UNKNOWN_LINE, at), "holdUnknownLine", true);
            case 31:
                return new Planned(new OrderCommand.Exchange(ReturnId.of(ref("R", index)),
                        List.of(new OrderCommand.ReturnItem(line.id(), 1, "x")),
                        List.of(new LineSpec(line.id(), Sku.of("SKU-Z" + (index + 1)), 1, amount(s, 100), null)), at),
                        "exchangeRepeatedLineId", true);
            case 32:
                if (!s.returns().isEmpty()) {
                    OrderReturn r = choose(s.returns(), a);
                    return new Planned(new OrderCommand.RequestReturn(r.id(), List.of(new OrderCommand.ReturnItem(
                            line.id(), 1, "x")), at), "returnRepeatedId", true);
                }
                return new Planned(new OrderCommand.RequestReturn(ReturnId.of(ref("R", index)), List.of(
                        new OrderCommand.ReturnItem(UNKNOWN_LINE, 1, "x")), at), "returnUnknownLine", true);
            case 33:
                if (!s.fulfillments().isEmpty()) {
                    Fulfillment f = choose(s.fulfillments(), a);
                    return new Planned(new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(f.id(),
                            DC_EAST, false, List.of(new FulfillmentLine(line.id(), 1)), null)), at),
                            "allocateRepeatedId", true);
                }
                return new Planned(new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(
                        FulfillmentId.of(ref("F", index)), DC_EAST, false, List.of(), null)), at), "allocateNoLines",
                        true);
            case 34:
                return new Planned(new OrderCommand.RecordRefund(amount(s, 1), ref("bad", index), UNKNOWN_RETURN, at),
                        "refundUnknownReturn", true);
            case 35: {
                Fulfillment f = firstWhere(s, a, x -> true);
                return f == null
                        ? new Planned(new OrderCommand.TransitionFulfillment(UNKNOWN_FULFILLMENT, "PACKED", at),
                                "transitionUnknown", true)
                        : new Planned(new OrderCommand.TransitionFulfillment(f.id(), b % 2 == 0 ? "SHIPPED" : "LIMBO",
                                at), "transitionIllegal", true);
            }
            case 36: {
                OrderReturn r = returnWhere(s, a, x -> true);
                if (r != null) {
                    for (ReturnLine rl : r.lines()) {
                        if (rl.received() == 0) {
                            return new Planned(new OrderCommand.InspectReturn(r.id(), rl.lineId(),
                                    InspectionResult.ACCEPTED, Disposition.RESTOCK, at), "inspectNothingReceived", true);
                        }
                    }
                }
                return new Planned(new OrderCommand.CancelReturn(UNKNOWN_RETURN, at), "cancelUnknownReturn", true);
            }
            default: {
                Fulfillment f = notIn(s, a, FulfillmentStatus.PICKING);
                return f == null
                        ? new Planned(new OrderCommand.Pick(UNKNOWN_FULFILLMENT, List.of(), at), "pickUnknown", true)
                        : new Planned(new OrderCommand.Pack(f.id(), at), "packNotPicked", true);
            }
        }
    }

    /** A fulfillment that passes {@code test}, or null. */
    private static Fulfillment firstWhere(OrderSnapshot s, int a, java.util.function.Predicate<Fulfillment> test) {
        List<Fulfillment> out = new ArrayList<>();
        for (Fulfillment f : s.fulfillments()) {
            if (test.test(f)) {
                out.add(f);
            }
        }
        return out.isEmpty() ? null : choose(out, a);
    }

    /** A return that passes {@code test}, or null. */
    private static OrderReturn returnWhere(OrderSnapshot s, int a, java.util.function.Predicate<OrderReturn> test) {
        List<OrderReturn> out = new ArrayList<>();
        for (OrderReturn r : s.returns()) {
            if (test.test(r)) {
                out.add(r);
            }
        }
        return out.isEmpty() ? null : choose(out, a);
    }

    /** A fulfillment whose status is none of {@code allowed}, or null. */
    private static Fulfillment notIn(OrderSnapshot s, int a, FulfillmentStatus... allowed) {
        List<Fulfillment> out = new ArrayList<>();
        for (Fulfillment f : s.fulfillments()) {
            if (!List.of(allowed).contains(f.status())) {
                out.add(f);
            }
        }
        return out.isEmpty() ? null : choose(out, a);
    }
}
