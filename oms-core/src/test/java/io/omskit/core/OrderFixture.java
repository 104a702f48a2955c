package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

/**
 * A given/when/then fixture for {@link OrderDecider}: {@code given(commands or events).when(command)} then
 * {@code expectEvents(...)} or {@code expectRejected(code)}. Every {@code when} also checks the decider's
 * invariants: on acceptance the version rises by one, every event carries it and the command's instant, event ids
 * are {@code order-version-index}, and replaying the whole history equals the returned snapshot; on rejection
 * nothing changed. Plus factories for the commands of a standard three-line order.
 */
final class OrderFixture {
    static final Currency USD = Currency.getInstance("USD");
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = T0.plusSeconds(3600);
    static final OrderId ORDER = OrderId.of("o-1");
    static final LineId L1 = LineId.of("L1");
    static final LineId L2 = LineId.of("L2");
    static final LineId L3 = LineId.of("L3");
    static final Sku A = Sku.of("SKU-A");
    static final Sku B = Sku.of("SKU-B");
    static final Sku C = Sku.of("SKU-C");
    static final FulfillmentId F1 = FulfillmentId.of("F1");
    static final FulfillmentId F2 = FulfillmentId.of("F2");
    static final LocationId EAST = LocationId.of("DC-EAST");
    static final LocationId STORE = LocationId.of("ST-NYC");
    static final ReturnId R1 = ReturnId.of("R1");
    /** 2 x 10.00 + 1 x 5.00 + 3 x 1.50. */
    static final long TOTAL = 2950;

    private final OrderDecider decider;
    private OrderSnapshot snapshot;
    private final List<OrderEvent> history = new ArrayList<>();

    private OrderFixture(OrderDecider decider) {
        this.decider = decider;
    }

    static OrderFixture standard() {
        return new OrderFixture(OrderDecider.standard());
    }

    static OrderFixture with(OrderDecider decider) {
        return new OrderFixture(decider);
    }

    /** Decides each command in turn; each must be accepted. */
    OrderFixture given(OrderCommand... commands) {
        for (OrderCommand c : commands) {
            Decision d = decider.decide(snapshot, c);
            if (!(d instanceof Decision.Accepted a)) {
                throw new AssertionError("given " + c + " was rejected: " + d);
            }
            snapshot = a.snapshot();
            history.addAll(a.events());
        }
        return this;
    }

    /** Replays events (imported history) as the starting point. */
    OrderFixture givenEvents(OrderEvent... events) {
        history.addAll(Arrays.asList(events));
        snapshot = decider.replay(history);
        return this;
    }

    OrderSnapshot snapshot() {
        return snapshot;
    }

    List<OrderEvent> history() {
        return history;
    }

    /** Decides {@code command}; on acceptance the fixture moves on to the new snapshot. */
    Then when(OrderCommand command) {
        OrderSnapshot before = snapshot;
        Decision d = decider.decide(before, command);
        if (d instanceof Decision.Accepted a) {
            long v = before == null ? 1 : before.version() + 1;
            assertThat(a.snapshot().version()).isEqualTo(v);
            assertThat(a.events()).isNotEmpty();
            for (int i = 0; i < a.events().size(); i++) {
                OrderEvent e = a.events().get(i);
                assertThat(e.orderVersion()).isEqualTo(v);
                assertThat(e.occurredAt()).isEqualTo(command.at());
                assertThat(e.eventId().value()).isEqualTo(a.snapshot().id().value() + "-" + v + "-" + i);
            }
            assertThat(a.snapshot().updatedAt()).isEqualTo(command.at());
            history.addAll(a.events());
            assertThat(decider.replay(history)).isEqualTo(a.snapshot());
            OrderSnapshot stepped = before;
            for (OrderEvent e : a.events()) {
                stepped = decider.apply(stepped, e);
            }
            assertThat(stepped).isEqualTo(a.snapshot());
            snapshot = a.snapshot();
        } else {
            assertThat(snapshot).isSameAs(before);
        }
        return new Then(d, this);
    }

    // ================================================================== then

    /** What a {@code when} produced. */
    static final class Then {
        private final Decision decision;
        private final OrderFixture fixture;

        Then(Decision decision, OrderFixture fixture) {
            this.decision = decision;
            this.fixture = fixture;
        }

        Decision decision() {
            return decision;
        }

        OrderFixture and() {
            return fixture;
        }

        Then expectAccepted() {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            return this;
        }

        /** The exact event classes, in order. */
        Then expectEvents(Class<?>... types) {
            expectAccepted();
            List<Class<?>> actual = new ArrayList<>();
            for (OrderEvent e : events()) {
                actual.add(e.getClass());
            }
            assertThat(actual).containsExactly(types);
            return this;
        }

        Then expectRejected(OmsErrorCode code) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).code()).as(decision.toString()).isEqualTo(code);
            return this;
        }

        Then expectRejectedWith(OmsErrorCode code, String messagePart) {
            expectRejected(code);
            assertThat(((Decision.Rejected) decision).message()).contains(messagePart);
            return this;
        }

        Then expectStatus(OrderStatus status) {
            assertThat(snapshot().status()).isEqualTo(status);
            return this;
        }

        Then expectUnits(LineId line, Bucket bucket, int units) {
            assertThat(snapshot().line(line).orElseThrow().in(bucket)).as(line + " in " + bucket).isEqualTo(units);
            return this;
        }

        /** A move of {@code qty} units of {@code line} from one bucket to another is among the events. */
        Then expectMove(LineId line, int qty, Bucket from, Bucket to) {
            assertThat(events()).filteredOn(e -> e instanceof LineQuantityMoved m && m.lineId().equals(line)
                    && m.quantity() == qty && m.from() == from && m.to() == to).hasSize(1);
            return this;
        }

        OrderSnapshot snapshot() {
            expectAccepted();
            return ((Decision.Accepted) decision).snapshot();
        }

        List<OrderEvent> events() {
            expectAccepted();
            return ((Decision.Accepted) decision).events();
        }

        <E extends OrderEvent> E event(Class<E> type) {
            for (OrderEvent e : events()) {
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " in " + events());
        }

        <E extends OrderEvent> List<E> all(Class<E> type) {
            List<E> out = new ArrayList<>();
            for (OrderEvent e : events()) {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
            return out;
        }
    }

    // ================================================================== commands

    static Money usd(long minor) {
        return new Money(minor, USD);
    }

    static LineSpec line(LineId id, Sku sku, int qty, long priceMinor) {
        return new LineSpec(id, sku, qty, usd(priceMinor), null);
    }

    static List<LineSpec> standardLines() {
        return List.of(line(L1, A, 2, 1000), line(L2, B, 1, 500), line(L3, C, 3, 150));
    }

    static OrderCommand.Place place() {
        return place(standardLines());
    }

    static OrderCommand.Place place(List<LineSpec> lines) {
        return new OrderCommand.Place(ORDER, Channel.of(ChannelType.WEB), "ext-1", "idem-1", CustomerId.of("c-1"), USD,
                new Address("Pat", "1 Main St", null, "New York", "NY", "10001", "US", null), null, null, null, lines, T0);
    }

    static OrderCommand.RecordAuthorization authorize(long minor) {
        return authorize(minor, "auth-1");
    }

    static OrderCommand.RecordAuthorization authorize(long minor, String ref) {
        return new OrderCommand.RecordAuthorization(usd(minor), ref, NOW);
    }

    static OrderCommand.RecordDecline decline() {
        return new OrderCommand.RecordDecline(usd(TOTAL), "auth-x", "insufficient_funds", NOW);
    }

    static OrderCommand.RecordCapture capture(long minor) {
        return capture(minor, "cap-1");
    }

    static OrderCommand.RecordCapture capture(long minor, String ref) {
        return new OrderCommand.RecordCapture(usd(minor), ref, NOW);
    }

    static OrderCommand.RecordVoid voidAuth(long minor, String ref) {
        return new OrderCommand.RecordVoid(usd(minor), ref, NOW);
    }

    static OrderCommand.RecordRefund refund(long minor, String ref, ReturnId returnId) {
        return new OrderCommand.RecordRefund(usd(minor), ref, returnId, NOW);
    }

    /** One payment call written ahead (its key is {@code o-1:<kind>:<version>}). */
    static OrderCommand.RequestPayments requestPayment(io.omskit.spi.model.TransactionType type, long minor,
                                                       String target, ReturnId returnId) {
        return new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(type, usd(minor), target,
                returnId)), NOW);
    }

    /** The provider's answer to the pending request {@code key}. */
    static OrderCommand.CompletePayment completePayment(String key, io.omskit.spi.port.PaymentOutcome outcome) {
        return new OrderCommand.CompletePayment(key, outcome, NOW);
    }

    static OrderCommand.RecordFraudAssessment fraud(FraudDecision decision) {
        return new OrderCommand.RecordFraudAssessment(new FraudAssessment(decision, 10, List.of("test")), NOW);
    }

    static OrderCommand.PlaceHold hold(String id, HoldType type) {
        return new OrderCommand.PlaceHold(HoldId.of(id), type, "check", "agent-7", null, NOW);
    }

    static OrderCommand.ReleaseHold releaseHold(String id) {
        return new OrderCommand.ReleaseHold(HoldId.of(id), "agent-7", NOW);
    }

    static OrderCommand.Confirm confirm() {
        return new OrderCommand.Confirm("agent-7", NOW);
    }

    static OrderCommand.PlannedFulfillment plan(FulfillmentId id, LocationId at, boolean pickup,
                                                FulfillmentLine... lines) {
        return new OrderCommand.PlannedFulfillment(id, at, pickup, List.of(lines), "res-" + id.value());
    }

    static FulfillmentLine fl(LineId line, int qty) {
        return new FulfillmentLine(line, qty);
    }

    static OrderCommand.Allocate allocate(OrderCommand.PlannedFulfillment... plans) {
        return new OrderCommand.Allocate(List.of(plans), NOW);
    }

    /** Everything of the standard order in F1 at DC-EAST. */
    static OrderCommand.Allocate allocateAll() {
        return allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1), fl(L3, 3)));
    }

    static OrderCommand.Release release(FulfillmentId f) {
        return new OrderCommand.Release(f, NOW);
    }

    static OrderCommand.Pick pick(FulfillmentId f, FulfillmentLine... picked) {
        return new OrderCommand.Pick(f, List.of(picked), NOW);
    }

    static OrderCommand.Pack pack(FulfillmentId f) {
        return new OrderCommand.Pack(f, NOW);
    }

    static OrderCommand.Ship ship(FulfillmentId f) {
        return new OrderCommand.Ship(f, "UPS", "1Z999", NOW);
    }

    static OrderCommand.Deliver deliver(FulfillmentId f) {
        return new OrderCommand.Deliver(f, false, NOW);
    }

    static OrderCommand.CancelOrder cancelOrder() {
        return new OrderCommand.CancelOrder(Initiator.CUSTOMER, "customer_request", NOW);
    }

    static OrderCommand.CancelLine cancelLine(LineId line, int qty) {
        return new OrderCommand.CancelLine(line, qty, Initiator.CUSTOMER, "customer_request", NOW);
    }

    static OrderCommand.RequestReturn requestReturn(ReturnId id, OrderCommand.ReturnItem... items) {
        return new OrderCommand.RequestReturn(id, List.of(items), NOW);
    }

    static OrderCommand.ReturnItem item(LineId line, int qty) {
        return new OrderCommand.ReturnItem(line, qty, "changed_mind");
    }

    static OrderCommand.ApproveReturn approve(ReturnId id) {
        return new OrderCommand.ApproveReturn(id, NOW);
    }

    static OrderCommand.ReceiveReturn receive(ReturnId id, OrderCommand.ReceivedItem... items) {
        return new OrderCommand.ReceiveReturn(id, EAST, List.of(items), NOW);
    }

    static OrderCommand.ReceivedItem received(LineId line, int qty) {
        return new OrderCommand.ReceivedItem(line, qty);
    }

    // ================================================================== journeys

    /** Placed, authorized for the total and screened ACCEPT: CONFIRMED. */
    OrderFixture confirmed() {
        return given(place(), authorize(TOTAL), fraud(FraudDecision.ACCEPT));
    }

    /** Confirmed and all of it allocated to F1. */
    OrderFixture allocated() {
        return confirmed().given(allocateAll());
    }

    /** Allocated, released, picked and packed. */
    OrderFixture packed() {
        return allocated().given(release(F1), pick(F1), pack(F1));
    }

    /** Packed and shipped. */
    OrderFixture shipped() {
        return packed().given(ship(F1));
    }

    /** Shipped and delivered (not yet captured: CONFIRMED). */
    OrderFixture delivered() {
        return shipped().given(deliver(F1));
    }

    /** Delivered and captured: COMPLETED. */
    OrderFixture completed() {
        return delivered().given(capture(TOTAL));
    }
}
