package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.omskit.core.CoreGenerators.Planned;
import io.omskit.core.CoreGenerators.Scenario;
import io.omskit.core.CoreGenerators.Step;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Balance;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.TransactionType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Stateful QuickTheories properties of {@link OrderDecider}: random orders, then random command sequences
 * (sensible and nonsensical mixed, each derived from the snapshot of the moment by {@link CoreGenerators}),
 * applied step by step through {@code decide}; after every step every invariant of the order aggregate is
 * checked.
 *
 * <p>Reproducible: the build runs a fixed seed (20261126) so that CI is deterministic; the seed is printed
 * with any failure; {@code -Domskit.qt.seed=N} runs another (or replays a failing) one and
 * {@code -Domskit.qt.examples=N} changes the number of sequences.
 */
class OrderDeciderProperties {

    private static final int SEQUENCES = Integer.getInteger("omskit.qt.examples", 1000);
    private static final long SEED = Long.getLong("omskit.qt.seed", 20261126L);

    private static final List<Bucket> FULFILLMENT_WORK = List.of(Bucket.ALLOCATED, Bucket.RELEASED, Bucket.PICKED,
            Bucket.PACKED, Bucket.READY_FOR_PICKUP);

    private final OrderDecider decider = OrderDecider.standard();

    /** A QuickTheory with the run's seed; the seed is also in any failure message. */
    private static QuickTheory theory(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples).withShrinkCycles(400);
    }

    private static void withSeed(Runnable property) {
        try {
            property.run();
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (replay with -Domskit.qt.seed=" + SEED + ")\n"
                    + e.getMessage(), e);
        }
    }

    @Nested
    @DisplayName("random command sequences")
    class Sequences {

        @Test
        @DisplayName("mixed sensible and nonsensical commands keep every invariant after every step")
        void mixedSequences_afterEveryStep_keepEveryInvariant() {
            Stats stats = new Stats();
            // QuickTheories may skip a repeated example: ask for 2% more so that SEQUENCES really run
            withSeed(() -> theory(SEQUENCES + SEQUENCES / 50).forAll(CoreGenerators.scenarios(10, 40))
                    .checkAssert(scenario -> new Run(decider, scenario, stats).all()));
            // the generators must reach deep into the journey, else the invariants above were cheap
            assertThat(stats.sequences.get()).isGreaterThanOrEqualTo(SEQUENCES);
            assertThat(stats.acceptedRatio()).as("accepted share of commands %s", stats).isGreaterThan(0.4);
            assertThat(stats.mustRejectSeen.get()).as("nonsensical commands sent").isGreaterThan(SEQUENCES);
            assertThat(stats.acceptedLabels()).as("command kinds accepted at least once")
                    .contains("authorize", "fraudAccept", "allocate", "release", "pick", "pack", "ship", "deliver",
                            "capture", "cancelLine");
        }

        @Test
        @DisplayName("sensible-only sequences carry orders through fulfillment, returns and completion")
        void sensibleSequences_mostlyAccepted_andReachCompletionAndReturns() {
            Stats stats = new Stats();
            withSeed(() -> theory(Math.max(50, SEQUENCES / 5)).forAll(CoreGenerators.sensibleScenarios(25, 40))
                    .checkAssert(scenario -> new Run(decider, scenario, stats).all()));
            assertThat(stats.acceptedRatio()).as("accepted share of sensible commands %s", stats).isGreaterThan(0.7);
            assertThat(stats.statusesReached).as("order statuses reached")
                    .contains(OrderStatus.CONFIRMED, OrderStatus.COMPLETED, OrderStatus.CANCELLED);
            assertThat(stats.acceptedLabels()).as("command kinds accepted at least once")
                    .contains("requestReturn", "approveReturn", "receiveReturn", "closeReturn", "readyForPickup",
                            "pickedUp", "settle", "requestAuthorization", "requestCapture", "requestRefund",
                            "completeApproved", "completeDeclined");
        }
    }

    @Nested
    @DisplayName("store pickup")
    class Pickup {

        /**
         * A unit collected in store stays PICKED_UP: a return that is rejected, cancelled or closed before the
         * unit arrived gives it back as PICKED_UP, not as DELIVERED (DELIVERED units must match delivered
         * fulfillments, PICKED_UP units picked-up ones).
         */
        @Test
        @DisplayName("units collected in store stay PICKED_UP through withdrawn returns")
        void pickupSequences_returnWithdrawn_unitsStayPickedUp() {
            withSeed(() -> theory(Math.max(50, SEQUENCES / 10)).forAll(CoreGenerators.pickupScenarios(25, 40))
                    .checkAssert(scenario -> {
                        Run run = new Run(decider, scenario, new Stats());
                        run.handoverKinds = true;
                        run.all();
                    }));
        }
    }

    @Nested
    @DisplayName("capture")
    class Capture {

        @Test
        @DisplayName("every generated order is accepted at version 1 with its lines PENDING")
        void place_anyGeneratedOrder_isAcceptedAtVersionOneAllPending() {
            withSeed(() -> theory(300).forAll(CoreGenerators.orders()).checkAssert(place -> {
                Decision d = decider.decide(null, place);
                assertThat(d.accepted()).as("%s", d).isTrue();
                OrderSnapshot s = ((Decision.Accepted) d).snapshot();
                assertThat(s.version()).isEqualTo(1);
                assertThat(s.status()).isEqualTo(OrderStatus.PLACED);
                assertThat(s.lines()).hasSameSizeAs(place.lines());
                for (OrderLine l : s.lines()) {
                    assertThat(l.buckets().asMap()).isEqualTo(Map.of(Bucket.PENDING, l.quantity()));
                }
                assertThat(decider.replay(((Decision.Accepted) d).events())).isEqualTo(s);
            }));
        }
    }

    @Nested
    @DisplayName("histories")
    class Histories {

        @Test
        @DisplayName("a generated history replays to a snapshot whose version is its last event's")
        void replay_generatedHistory_endsAtLastEventVersion() {
            withSeed(() -> theory(100).forAll(CoreGenerators.histories(decider, 5, 30)).checkAssert(events -> {
                OrderSnapshot s = decider.replay(events);
                assertThat(events.get(0)).isInstanceOf(io.omskit.spi.event.OrderPlaced.class);
                assertThat(s.version()).isEqualTo(events.get(events.size() - 1).orderVersion());
                long v = 0;
                for (OrderEvent e : events) {
                    assertThat(e.orderVersion()).isBetween(v, v + 1);
                    v = e.orderVersion();
                }
            }));
        }
    }

    @Nested
    @DisplayName("nonsense")
    class Nonsense {

        @Test
        @DisplayName("a nonsensical command is rejected in whatever state a sensible sequence left the order")
        void nonsensicalCommand_afterAnySensiblePrefix_isRejectedAndChangesNothing() {
            withSeed(() -> theory(200).forAll(CoreGenerators.sensibleScenarios(0, 30), CoreGenerators.steps())
                    .checkAssert((scenario, last) -> {
                        Run run = new Run(decider, scenario, new Stats());
                        run.all();
                        Step nonsense = new Step(99, last.pick(), last.a(), last.b());
                        Planned p = CoreGenerators.next(run.snapshot, nonsense, scenario.steps().size());
                        assertThat(p.mustReject()).as("generated %s", p).isTrue();
                        run.step(p);
                        assertThat(run.lastAccepted).as("%s\n%s", p, run.trace()).isFalse();
                    }));
        }
    }

    // ============================================================================================ the run

    /** Counts over a whole property run (all sequences, shrinking included). Thread-safe. */
    static final class Stats {
        final AtomicLong sequences = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong mustRejectSeen = new AtomicLong();
        final Map<String, AtomicLong> acceptedByLabel = new ConcurrentHashMap<>();
        final Map<OmsErrorCode, AtomicLong> rejectedByCode = new ConcurrentHashMap<>();
        final Set<OrderStatus> statusesReached = ConcurrentHashMap.newKeySet();

        double acceptedRatio() {
            long all = accepted.get() + rejected.get();
            return all == 0 ? 0 : (double) accepted.get() / all;
        }

        Set<String> acceptedLabels() {
            return acceptedByLabel.keySet();
        }

        @Override
        public String toString() {
            return "sequences=" + sequences + " accepted=" + accepted + " rejected=" + rejected + " byLabel="
                    + new TreeMap<>(acceptedByLabel) + " rejectedByCode=" + new TreeMap<>(rejectedByCode);
        }
    }

    /** One scenario run through the decider step by step, checking the invariants after each step. */
    static final class Run {
        private final OrderDecider decider;
        private final Scenario scenario;
        private final Stats stats;
        private final List<Object> trace = new ArrayList<>();
        private final List<OrderEvent> events = new ArrayList<>();
        private final Set<EventId> eventIds = new HashSet<>();
        OrderSnapshot snapshot;
        boolean lastAccepted;
        /** Whether DELIVERED and PICKED_UP units must each match their own kind of fulfillment. */
        boolean handoverKinds;

        Run(OrderDecider decider, Scenario scenario, Stats stats) {
            this.decider = decider;
            this.scenario = scenario;
            this.stats = stats;
        }

        String trace() {
            StringBuilder sb = new StringBuilder().append(scenario);
            for (Object line : trace) {
                sb.append("\n  ").append(line);
            }
            return sb.toString();
        }

        /** Places the order, then runs every step. */
        void all() {
            stats.sequences.incrementAndGet();
            step(new Planned(scenario.place(), "place", false));
            assertThat(lastAccepted).as("the generated order is accepted\n%s", trace()).isTrue();
            for (int i = 0; i < scenario.steps().size(); i++) {
                step(CoreGenerators.next(snapshot, scenario.steps().get(i), i));
            }
        }

        /** Sends one command and checks the outcome. */
        void step(Planned p) {
            OrderSnapshot before = snapshot;
            Decision d;
            try {
                d = decider.decide(before, p.command());
            } catch (RuntimeException e) {
                throw new AssertionError("decide threw instead of deciding: " + e + "\nat " + p + "\n" + trace(), e);
            }
            Decision again = decider.decide(before, p.command());
            check(again.equals(d), "decide is not deterministic: %s then %s", d, again);
            if (p.mustReject()) {
                stats.mustRejectSeen.incrementAndGet();
            }
            if (d instanceof Decision.Rejected) {
                Decision.Rejected r = (Decision.Rejected) d;
                lastAccepted = false;
                stats.rejected.incrementAndGet();
                stats.rejectedByCode.computeIfAbsent(r.code(), k -> new AtomicLong()).incrementAndGet();
                trace.add(new Traced(p, d));
                // nothing changed: we keep the very same snapshot, and it still is the fold of the events
                if (before != null) {
                    check(decider.replay(events).equals(before), "after a rejection the fold differs");
                }
                return;
            }
            Decision.Accepted a = (Decision.Accepted) d;
            lastAccepted = true;
            stats.accepted.incrementAndGet();
            stats.acceptedByLabel.computeIfAbsent(p.label(), k -> new AtomicLong()).incrementAndGet();
            OrderSnapshot after = a.snapshot();
            stats.statusesReached.add(after.status());
            trace.add(new Traced(p, d));
            check(!p.mustReject(), "a nonsensical command was accepted: %s", p);
            snapshot = after;
            events.addAll(a.events());
            invariants(before, after, a.events());
            transitions(before, after, a.events(), p.command());
        }

        /** One line of the trace, rendered only when a check fails. */
        private record Traced(Planned planned, Decision decision) {
            @Override
            public String toString() {
                if (decision instanceof Decision.Rejected) {
                    Decision.Rejected r = (Decision.Rejected) decision;
                    return planned + "  -> REJECTED " + r.code() + " " + r.message();
                }
                Decision.Accepted a = (Decision.Accepted) decision;
                return planned + "  -> v" + a.snapshot().version() + " " + a.snapshot().state() + " "
                        + eventTypes(a.events());
            }
        }

        private static String eventTypes(List<OrderEvent> es) {
            List<String> out = new ArrayList<>();
            for (OrderEvent e : es) {
                out.add(e.getClass().getSimpleName());
            }
            return out.toString();
        }

        private void check(boolean ok, String format, Object... args) {
            if (!ok) {
                throw new AssertionError(String.format(format, args) + "\n" + trace());
            }
        }

        // ---------------------------------------------------------------------------------- invariants

        private void invariants(OrderSnapshot before, OrderSnapshot s, List<OrderEvent> stepEvents) {
            versionAndEvents(before, s, stepEvents);
            fold(before, s, stepEvents);
            buckets(s);
            ledger(s);
            fulfillments(s);
            returns(s);
            lifecycle(before, s);
            views(s);
        }

        private void versionAndEvents(OrderSnapshot before, OrderSnapshot s, List<OrderEvent> stepEvents) {
            long expected = before == null ? 1 : before.version() + 1;
            check(s.version() == expected, "version %s after an accepted command on version %s", s.version(),
                    before == null ? 0 : before.version());
            check(!stepEvents.isEmpty(), "an accepted command raised no event");
            check(s.id().equals(scenario.place().orderId()), "order id changed to %s", s.id());
            for (OrderEvent e : stepEvents) {
                check(e.orderVersion() == s.version(), "event %s carries version %s, snapshot is %s", e.type(),
                        e.orderVersion(), s.version());
                check(e.orderId().equals(s.id()), "event %s is for order %s", e.type(), e.orderId());
                check(eventIds.add(e.eventId()), "event id %s used twice", e.eventId());
            }
            check(s.state().equals(s.status().name()), "built-in graph state %s has category %s", s.state(),
                    s.status());
            Instant at = stepEvents.get(0).occurredAt();
            for (OrderEvent e : stepEvents) {
                check(e.occurredAt().equals(at), "events of one command at %s and %s", at, e.occurredAt());
            }
            check(s.updatedAt().equals(at), "updatedAt %s, the command happened at %s", s.updatedAt(), at);
        }

        private void fold(OrderSnapshot before, OrderSnapshot s, List<OrderEvent> stepEvents) {
            OrderSnapshot replayed = decider.replay(events);
            check(replayed.equals(s), "replay of all %s events differs from the snapshot in %s", events.size(),
                    diff(replayed, s));
            if (before != null) {
                OrderSnapshot folded = before;
                for (OrderEvent e : stepEvents) {
                    folded = decider.apply(folded, e);
                }
                check(folded.equals(s), "apply(before, step events) differs from the snapshot in %s",
                        diff(folded, s));
            }
        }

        /** What may change from one version to the next, given the command. */
        private void transitions(OrderSnapshot before, OrderSnapshot s, List<OrderEvent> stepEvents,
                                 OrderCommand command) {
            for (OrderEvent e : stepEvents) {
                if (e instanceof LineQuantityMoved) {
                    LineQuantityMoved m = (LineQuantityMoved) e;
                    check(OrderGraphs.buckets().canTransition(m.from(), m.to()), "units moved %s -> %s, not an edge "
                            + "of the bucket graph", m.from(), m.to());
                }
            }
            if (before == null) {
                return;
            }
            StateGraph<OrderStatus> og = OrderGraphs.orderLifecycle();
            boolean reachable = before.status() == s.status() || og.canTransition(before.status(), s.status());
            for (OrderStatus mid : OrderStatus.values()) {
                reachable |= og.canTransition(before.status(), mid) && og.canTransition(mid, s.status());
            }
            check(reachable, "order went %s -> %s in one command", before.status(), s.status());
            if (before.status().terminal()) {
                // money going back, and the answers of calls made while it was open
                check(command instanceof OrderCommand.RecordVoid || command instanceof OrderCommand.RecordRefund
                                || command instanceof OrderCommand.CompletePayment
                                || (command instanceof OrderCommand.RequestPayments rp && givesBack(rp)),
                        "a %s order accepted %s", before.status(), command.getClass().getSimpleName());
            }
            if (s.status() == OrderStatus.REJECTED && before.status() != OrderStatus.REJECTED) {
                // a decline, recorded directly or as the answer of an authorization written ahead, or a fraud reject
                check(command instanceof OrderCommand.RecordDecline
                                || command instanceof OrderCommand.RecordFraudAssessment
                                || (command instanceof OrderCommand.CompletePayment cp && !cp.outcome().approved()),
                        "order rejected by %s", command.getClass().getSimpleName());
            }
            if (command instanceof OrderCommand.Release) {
                check(before.holds().isEmpty(), "released to fulfillment while holds %s are active", before.holds());
            }
            if (command instanceof OrderCommand.CancelOrder) {
                check(!shippedEver(before), "order cancelled after shipment");
            }
            if (s.status() == OrderStatus.IN_REVIEW && s.holds().isEmpty() && s.fraud() != null
                    && s.fraud().decision() != FraudDecision.REJECT
                    && OrderViews.authorized(s).minorUnits() >= OrderViews.amountDue(s).minorUnits()) {
                check(false, "verified (authorized %s >= due %s, fraud %s, no hold) but still IN_REVIEW",
                        OrderViews.authorized(s), OrderViews.amountDue(s), s.fraud().decision());
            }
            // append-only parts
            check(s.payments().size() >= before.payments().size()
                    && s.payments().subList(0, before.payments().size()).equals(before.payments()),
                    "the ledger was rewritten");
            check(s.lines().size() >= before.lines().size(), "lines removed");
            for (int i = 0; i < before.lines().size(); i++) {
                check(s.lines().get(i).spec().equals(before.lines().get(i).spec()), "line %s changed its spec",
                        before.lines().get(i).id());
            }
            StateGraph<FulfillmentStatus> fg = OrderGraphs.fulfillment();
            check(s.fulfillments().size() >= before.fulfillments().size(), "fulfillments removed");
            for (int i = 0; i < before.fulfillments().size(); i++) {
                Fulfillment f = before.fulfillments().get(i);
                Fulfillment g = s.fulfillments().get(i);
                check(g.id().equals(f.id()), "fulfillments reordered");
                check(f.status() == g.status() || fg.canTransition(f.status(), g.status()),
                        "fulfillment %s went %s -> %s", f.id(), f.status(), g.status());
                if (f.status().terminal()) {
                    check(g.equals(f), "closed fulfillment %s changed: %s -> %s", f.id(), f, g);
                }
            }
            StateGraph<ReturnStatus> rg = OrderGraphs.returns();
            check(s.returns().size() >= before.returns().size(), "returns removed");
            for (int i = 0; i < before.returns().size(); i++) {
                OrderReturn r = before.returns().get(i);
                OrderReturn q = s.returns().get(i);
                check(q.id().equals(r.id()), "returns reordered");
                check(r.status() == q.status() || rg.canTransition(r.status(), q.status()),
                        "return %s went %s -> %s", r.id(), r.status(), q.status());
                if (r.status().terminal()) {
                    check(q.equals(r), "closed return %s changed: %s -> %s", r.id(), r, q);
                }
            }
        }

        private static boolean shippedEver(OrderSnapshot s) {
            int handedOver = s.units(Bucket.SHIPPED) + s.units(Bucket.DELIVERED) + s.units(Bucket.PICKED_UP)
                    + s.units(Bucket.RETURN_REQUESTED) + s.units(Bucket.RETURNED) + s.units(Bucket.LOST);
            for (Fulfillment f : s.fulfillments()) {
                if (f.shippedAt() != null || f.deliveredAt() != null) {
                    handedOver++;
                }
            }
            return handedOver > 0;
        }

        /** The components in which two snapshots differ, as "name: a != b". */
        static String diff(OrderSnapshot a, OrderSnapshot b) {
            List<String> out = new ArrayList<>();
            for (RecordComponent c : OrderSnapshot.class.getRecordComponents()) {
                try {
                    Object x = c.getAccessor().invoke(a);
                    Object y = c.getAccessor().invoke(b);
                    if (!java.util.Objects.equals(x, y)) {
                        out.add(c.getName() + ": " + x + " != " + y);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out.toString();
        }

        private void buckets(OrderSnapshot s) {
            Set<Object> lineIds = new HashSet<>();
            for (OrderLine l : s.lines()) {
                check(lineIds.add(l.id()), "line id %s twice", l.id());
                int sum = 0;
                for (Map.Entry<Bucket, Integer> e : l.buckets().asMap().entrySet()) {
                    check(e.getValue() >= 0, "line %s has %s units in %s", l.id(), e.getValue(), e.getKey());
                    sum += e.getValue();
                }
                check(sum == l.quantity() && l.buckets().total() == l.quantity(),
                        "line %s buckets %s add up to %s, quantity is %s", l.id(), l.buckets(), sum, l.quantity());
            }
            check(s.lines().size() >= scenario.place().lines().size(), "lines disappeared");
        }

        private boolean givesBack(OrderCommand.RequestPayments rp) {
            return rp.calls().stream().allMatch(c -> c.type() == TransactionType.VOID
                    || c.type() == TransactionType.REFUND);
        }

        private void ledger(OrderSnapshot s) {
            long authorized = 0;
            long captured = 0;
            long refunded = 0;
            long voided = 0;
            Set<String> refs = new HashSet<>();
            for (PaymentTransaction t : s.payments()) {
                check(t.amount().currency().equals(s.currency()), "ledger entry in %s on a %s order",
                        t.amount().currency(), s.currency());
                check(refs.add(t.type() + "/" + t.providerReference()), "provider reference %s twice",
                        t.providerReference());
                if (!t.succeeded()) {
                    continue;
                }
                long n = t.amount().minorUnits();
                if (t.type() == TransactionType.AUTHORIZATION) {
                    authorized += n;
                } else if (t.type() == TransactionType.CAPTURE) {
                    captured += n;
                } else if (t.type() == TransactionType.REFUND) {
                    refunded += n;
                } else {
                    voided += n;
                }
            }
            check(captured <= authorized - voided, "captured %s > authorized %s - voided %s", captured, authorized,
                    voided);
            check(refunded <= captured, "refunded %s > captured %s", refunded, captured);
            long pendingCaptures = 0;
            long pendingRefunds = 0;
            Set<String> keys = new HashSet<>();
            for (io.omskit.spi.model.PaymentRequest r : s.paymentRequests()) {
                check(keys.add(r.idempotencyKey()), "payment request key %s twice", r.idempotencyKey());
                check(r.amount().currency().equals(s.currency()), "payment request in %s on a %s order",
                        r.amount().currency(), s.currency());
                if (r.type() == TransactionType.CAPTURE || r.type() == TransactionType.VOID) {
                    pendingCaptures += r.amount().minorUnits();
                } else if (r.type() == TransactionType.REFUND) {
                    pendingRefunds += r.amount().minorUnits();
                }
            }
            check(captured + pendingCaptures <= authorized - voided,
                    "captured %s + pending captures and voids %s > authorized %s - voided %s", captured,
                    pendingCaptures, authorized, voided);
            check(refunded + pendingRefunds <= captured, "refunded %s + pending refunds %s > captured %s", refunded,
                    pendingRefunds, captured);
            check(OrderViews.captured(s).equals(new Money(captured, s.currency())), "captured view %s, ledger %s",
                    OrderViews.captured(s), captured);
            check(OrderViews.refunded(s).equals(new Money(refunded, s.currency())), "refunded view %s, ledger %s",
                    OrderViews.refunded(s), refunded);
            check(OrderViews.authorized(s).equals(new Money(authorized, s.currency()))
                            || OrderViews.authorized(s).equals(new Money(authorized - voided, s.currency())),
                    "authorized view %s, ledger authorized %s voided %s", OrderViews.authorized(s), authorized, voided);
            paymentStatus(s, authorized, captured, refunded, voided);
            balance(s, captured, refunded);
        }

        private void paymentStatus(OrderSnapshot s, long authorized, long captured, long refunded, long voided) {
            PaymentStatus ps = OrderViews.paymentStatus(s);
            long due = OrderViews.amountDue(s).minorUnits();
            String ctx = "payment status %s with authorized %s captured %s refunded %s voided %s due %s";
            Object[] args = {ps, authorized, captured, refunded, voided, due};
            switch (ps) {
                case NOT_PAID:
                case FAILED:
                    check(authorized - voided <= 0 && captured == 0, ctx, args);
                    break;
                case PARTIALLY_AUTHORIZED:
                    check(captured == 0 && authorized - voided > 0 && authorized - voided < due, ctx, args);
                    break;
                case AUTHORIZED:
                    check(captured == 0 && authorized - voided >= due, ctx, args);
                    break;
                case PARTIALLY_PAID:
                    check(captured > 0 && refunded == 0 && captured < due, ctx, args);
                    break;
                case PAID:
                    check(captured > 0 && refunded == 0 && captured >= due, ctx, args);
                    break;
                case PARTIALLY_REFUNDED:
                    check(refunded > 0 && refunded < captured, ctx, args);
                    break;
                case REFUNDED:
                    check(refunded > 0 && refunded == captured, ctx, args);
                    break;
                case VOIDED:
                    check(voided > 0 && captured == 0, ctx, args);
                    break;
                default:
                    check(false, ctx, args);
            }
            // and the other way round, for the unambiguous cases
            if (captured == 0 && authorized == 0) {
                check(ps == PaymentStatus.NOT_PAID || ps == PaymentStatus.FAILED, ctx, args);
            }
            if (captured > 0 && refunded == 0) {
                check(ps == PaymentStatus.PARTIALLY_PAID || ps == PaymentStatus.PAID, ctx, args);
            }
            if (refunded > 0) {
                check(ps == PaymentStatus.PARTIALLY_REFUNDED || ps == PaymentStatus.REFUNDED, ctx, args);
            }
        }

        private void balance(OrderSnapshot s, long captured, long refunded) {
            long due = OrderViews.amountDue(s).minorUnits();
            long net = captured - refunded;
            Balance expected = net < due ? Balance.BALANCE_DUE : net == due ? Balance.SETTLED : Balance.CREDIT_OWED;
            check(OrderViews.balance(s) == expected, "balance %s, expected %s (net captured %s, due %s)",
                    OrderViews.balance(s), expected, net, due);
            check(due >= 0, "amount due %s is negative", due);
        }

        private void fulfillments(OrderSnapshot s) {
            Set<Object> ids = new HashSet<>();
            for (Fulfillment f : s.fulfillments()) {
                check(ids.add(f.id()), "fulfillment id %s twice", f.id());
                check(f.state().equals(f.status().name()), "fulfillment %s state %s category %s", f.id(), f.state(),
                        f.status());
                for (FulfillmentLine fl : f.lines()) {
                    check(s.line(fl.lineId()).isPresent(), "fulfillment %s names unknown line %s", f.id(),
                            fl.lineId());
                }
            }
            for (OrderLine l : s.lines()) {
                Map<Bucket, Integer> inFulfillments = new EnumMap<>(Bucket.class);
                for (Fulfillment f : s.fulfillments()) {
                    if (!f.status().terminal()) {
                        inFulfillments.merge(f.status().bucket(), f.quantityOf(l.id()), Integer::sum);
                    }
                }
                for (Map.Entry<Bucket, Integer> e : inFulfillments.entrySet()) {
                    check(e.getValue() <= l.in(e.getKey()),
                            "line %s: open fulfillments hold %s units in %s, the line has %s (buckets %s)", l.id(),
                            e.getValue(), e.getKey(), l.in(e.getKey()), l.buckets());
                }
                // stronger: units between allocation and hand-over live in exactly one open fulfillment
                for (Bucket b : FULFILLMENT_WORK) {
                    int held = inFulfillments.getOrDefault(b, 0);
                    check(held == l.in(b), "line %s: open fulfillments hold %s units in %s, the line has %s (buckets %s)",
                            l.id(), held, b, l.in(b), l.buckets());
                }
                // delivered or picked-up fulfillments account for every unit that reached the customer
                int handedOver = 0;
                for (Fulfillment f : s.fulfillments()) {
                    if (f.status() == FulfillmentStatus.DELIVERED || f.status() == FulfillmentStatus.PICKED_UP) {
                        handedOver += f.quantityOf(l.id());
                    }
                }
                int reached = l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP) + l.in(Bucket.RETURN_REQUESTED)
                        + l.in(Bucket.RETURNED);
                check(handedOver == reached, "line %s: delivered fulfillments carry %s units, %s reached the "
                        + "customer (buckets %s)", l.id(), handedOver, reached, l.buckets());
                // and each way of handing over keeps its own count: collected units never turn into delivered ones
                int collected = 0;
                for (Fulfillment f : s.fulfillments()) {
                    if (f.status() == FulfillmentStatus.PICKED_UP) {
                        collected += f.quantityOf(l.id());
                    }
                }
                check(!handoverKinds
                                || l.in(Bucket.DELIVERED) <= handedOver - collected && l.in(Bucket.PICKED_UP) <= collected,
                        "line %s: %s units DELIVERED and %s PICKED_UP, but delivered fulfillments carry %s and "
                        + "picked-up ones %s (buckets %s)", l.id(), l.in(Bucket.DELIVERED), l.in(Bucket.PICKED_UP),
                        handedOver - collected, collected, l.buckets());
            }
        }

        private void returns(OrderSnapshot s) {
            Set<Object> ids = new HashSet<>();
            for (OrderReturn r : s.returns()) {
                check(ids.add(r.id()), "return id %s twice", r.id());
                for (ReturnLine rl : r.lines()) {
                    check(s.line(rl.lineId()).isPresent(), "return %s names unknown line %s", r.id(), rl.lineId());
                }
            }
            for (OrderLine l : s.lines()) {
                int awaited = 0;
                int received = 0;
                for (OrderReturn r : s.returns()) {
                    for (ReturnLine rl : r.lines()) {
                        if (!rl.lineId().equals(l.id())) {
                            continue;
                        }
                        received += rl.received();
                        if (r.status() == ReturnStatus.REQUESTED || r.status() == ReturnStatus.APPROVED) {
                            awaited += rl.quantity() - rl.received();
                        }
                    }
                }
                check(awaited == l.in(Bucket.RETURN_REQUESTED), "line %s: open returns await %s units, %s are "
                        + "RETURN_REQUESTED (buckets %s)", l.id(), awaited, l.in(Bucket.RETURN_REQUESTED), l.buckets());
                check(received == l.in(Bucket.RETURNED), "line %s: returns received %s units, %s are RETURNED "
                        + "(buckets %s)", l.id(), received, l.in(Bucket.RETURNED), l.buckets());
            }
            Set<HoldId> holds = new HashSet<>();
            for (Hold h : s.holds()) {
                check(holds.add(h.id()), "hold %s twice", h.id());
            }
        }

        private void lifecycle(OrderSnapshot before, OrderSnapshot s) {
            boolean allTerminal = true;
            for (OrderLine l : s.lines()) {
                allTerminal &= l.buckets().open() == 0;
            }
            int units = 0;
            for (OrderLine l : s.lines()) {
                units += l.quantity();
            }
            if (s.status() == OrderStatus.CANCELLED) {
                check(s.units(Bucket.CANCELLED) == units, "CANCELLED order with units outside CANCELLED");
            }
            if (s.status() == OrderStatus.REJECTED) {
                check(s.units(Bucket.CANCELLED) == units, "REJECTED order with units outside CANCELLED");
            }
            if (s.status() == OrderStatus.PLACED || s.status() == OrderStatus.IN_REVIEW) {
                Set<Bucket> early = EnumSet.of(Bucket.PENDING, Bucket.CANCELLED);
                for (OrderLine l : s.lines()) {
                    check(early.containsAll(l.buckets().asMap().keySet()),
                            "unconfirmed order with line %s in %s", l.id(), l.buckets());
                }
            }
            boolean settled = OrderViews.balance(s) == Balance.SETTLED;
            boolean becameCompleted = s.status() == OrderStatus.COMPLETED
                    && (before == null || before.status() != OrderStatus.COMPLETED);
            if (becameCompleted) {
                check(allTerminal && settled && s.paymentRequests().isEmpty(),
                        "COMPLETED with open units, an unsettled balance %s or pending payment requests %s",
                        OrderViews.balance(s), s.paymentRequests());
            }
            if (s.status() == OrderStatus.CONFIRMED && s.units(Bucket.CANCELLED) < units) {
                check(!(allTerminal && settled && s.paymentRequests().isEmpty()),
                        "every unit terminal, balance settled and no payment pending, but the order stayed CONFIRMED");
            }
        }

        private void views(OrderSnapshot s) {
            DerivedViews.check(s, this::check);
        }
    }

    /**
     * The order-level views ({@link OrderViews#fulfillmentStatus}, {@link OrderViews#returnStatus}) checked
     * against the buckets they summarise, as implications from each view value to the bucket counts.
     */
    static final class DerivedViews {
        private DerivedViews() {
        }

        static void check(OrderSnapshot s, Checker c) {
            long units = 0;
            long active = 0;
            Map<Bucket, Long> n = new EnumMap<>(Bucket.class);
            for (Bucket b : Bucket.values()) {
                n.put(b, 0L);
            }
            for (OrderLine l : s.lines()) {
                units += l.quantity();
                active += l.quantity() - l.in(Bucket.CANCELLED);
                for (Map.Entry<Bucket, Integer> e : l.buckets().asMap().entrySet()) {
                    n.merge(e.getKey(), (long) e.getValue(), Long::sum);
                }
            }
            long delivered = n.get(Bucket.DELIVERED) + n.get(Bucket.PICKED_UP) + n.get(Bucket.RETURN_REQUESTED)
                    + n.get(Bucket.RETURNED);
            long inTransit = n.get(Bucket.SHIPPED) + n.get(Bucket.LOST);
            long beforeShipment = n.get(Bucket.PENDING) + n.get(Bucket.BACKORDERED) + n.get(Bucket.ALLOCATED)
                    + n.get(Bucket.RELEASED) + n.get(Bucket.PICKED) + n.get(Bucket.PACKED)
                    + n.get(Bucket.READY_FOR_PICKUP);
            long inWork = n.get(Bucket.ALLOCATED) + n.get(Bucket.RELEASED) + n.get(Bucket.PICKED)
                    + n.get(Bucket.PACKED);
            FulfillmentView fv = OrderViews.fulfillmentStatus(s);
            String ctx = "fulfillment view %s with buckets %s";
            c.check((fv == FulfillmentView.CANCELLED) == (n.get(Bucket.CANCELLED) == units), ctx, fv, n);
            switch (fv) {
                case DELIVERED:
                    c.check(delivered == active && active > 0, ctx, fv, n);
                    break;
                case PARTIALLY_DELIVERED:
                    c.check(delivered > 0 && delivered < active, ctx, fv, n);
                    break;
                case SHIPPED:
                    c.check(beforeShipment == 0 && delivered == 0 && inTransit == active, ctx, fv, n);
                    break;
                case PARTIALLY_SHIPPED:
                    c.check(delivered == 0 && inTransit > 0 && beforeShipment > 0, ctx, fv, n);
                    break;
                case READY_FOR_PICKUP:
                    c.check(delivered == 0 && inTransit == 0 && n.get(Bucket.READY_FOR_PICKUP) > 0, ctx, fv, n);
                    break;
                case ALLOCATED:
                    c.check(inWork == active && delivered == 0 && inTransit == 0, ctx, fv, n);
                    break;
                case PARTIALLY_ALLOCATED:
                    c.check(inWork > 0 && inWork < active && delivered == 0 && inTransit == 0, ctx, fv, n);
                    break;
                case BACKORDERED:
                    c.check(n.get(Bucket.BACKORDERED) > 0 && inWork == 0 && delivered == 0 && inTransit == 0, ctx, fv, n);
                    break;
                case NOT_FULFILLED:
                    c.check(n.get(Bucket.PENDING) == active, ctx, fv, n);
                    break;
                default:
                    break;
            }
            if (delivered == active && active > 0) {
                c.check(fv == FulfillmentView.DELIVERED, ctx, fv, n);
            }
            if (n.get(Bucket.PENDING) == units) {
                c.check(fv == FulfillmentView.NOT_FULFILLED, ctx, fv, n);
            }

            ReturnView rv = OrderViews.returnStatus(s);
            long requested = n.get(Bucket.RETURN_REQUESTED);
            long returned = n.get(Bucket.RETURNED);
            String rctx = "return view %s with buckets %s";
            c.check((rv == ReturnView.RETURN_REQUESTED) == (requested > 0), rctx, rv, n);
            c.check((rv == ReturnView.NONE) == (requested == 0 && returned == 0), rctx, rv, n);
            if (rv == ReturnView.RETURNED) {
                c.check(returned == active, rctx, rv, n);
            }
            if (rv == ReturnView.PARTIALLY_RETURNED) {
                c.check(returned > 0 && returned < active, rctx, rv, n);
            }
        }
    }

    /** A check that fails with the run's trace. */
    @FunctionalInterface
    interface Checker {
        void check(boolean ok, String format, Object... args);
    }
}
