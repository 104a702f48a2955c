package io.omskit.core;

import static io.omskit.core.OrderFixture.EAST;
import static io.omskit.core.OrderFixture.F1;
import static io.omskit.core.OrderFixture.F2;
import static io.omskit.core.OrderFixture.L1;
import static io.omskit.core.OrderFixture.L2;
import static io.omskit.core.OrderFixture.L3;
import static io.omskit.core.OrderFixture.NOW;
import static io.omskit.core.OrderFixture.ORDER;
import static io.omskit.core.OrderFixture.R1;
import static io.omskit.core.OrderFixture.STORE;
import static io.omskit.core.OrderFixture.TOTAL;
import static io.omskit.core.OrderFixture.allocate;
import static io.omskit.core.OrderFixture.approve;
import static io.omskit.core.OrderFixture.authorize;
import static io.omskit.core.OrderFixture.cancelOrder;
import static io.omskit.core.OrderFixture.capture;
import static io.omskit.core.OrderFixture.decline;
import static io.omskit.core.OrderFixture.deliver;
import static io.omskit.core.OrderFixture.fl;
import static io.omskit.core.OrderFixture.fraud;
import static io.omskit.core.OrderFixture.item;
import static io.omskit.core.OrderFixture.line;
import static io.omskit.core.OrderFixture.pack;
import static io.omskit.core.OrderFixture.pick;
import static io.omskit.core.OrderFixture.place;
import static io.omskit.core.OrderFixture.plan;
import static io.omskit.core.OrderFixture.receive;
import static io.omskit.core.OrderFixture.received;
import static io.omskit.core.OrderFixture.refund;
import static io.omskit.core.OrderFixture.release;
import static io.omskit.core.OrderFixture.releaseHold;
import static io.omskit.core.OrderFixture.requestReturn;
import static io.omskit.core.OrderFixture.ship;
import static io.omskit.core.OrderFixture.usd;
import static io.omskit.core.OrderFixture.voidAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.port.PaymentOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplayTest {

    /** Journeys that together produce every event type; the fixture checks replay equality at every step. */
    static List<OrderFixture> journeys() {
        List<OrderFixture> all = new ArrayList<>();
        // happy path with tracking, capture, completion, return, exchange, refund
        OrderFixture happy = OrderFixture.standard().completed();
        happy.when(new OrderCommand.RecordTracking(F1, "t-1", "DELIVERED", null, NOW)).expectAccepted();
        happy.when(requestReturn(R1, item(L1, 1))).expectAccepted();
        happy.when(approve(R1)).expectAccepted();
        happy.when(receive(R1, received(L1, 1))).expectAccepted();
        happy.when(new OrderCommand.InspectReturn(R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK, NOW))
                .expectAccepted();
        happy.when(new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW)).expectAccepted();
        happy.when(refund(1000, "ref-1", R1)).expectAccepted();
        LineId l4 = LineId.of("L4");
        happy.when(new OrderCommand.Exchange(io.omskit.spi.model.ReturnId.of("R2"), List.of(item(L2, 1)),
                List.of(line(l4, Sku.of("SKU-D"), 1, 500)), NOW)).expectAccepted();
        happy.when(new OrderCommand.RejectReturn(io.omskit.spi.model.ReturnId.of("R2"), "no", NOW)).expectAccepted();
        all.add(happy);
        // review hold, release, short pick, backorder fill, failed delivery, void
        OrderFixture review = OrderFixture.standard().given(place(), authorize(TOTAL));
        review.when(fraud(FraudDecision.REVIEW)).expectAccepted();
        String hold = review.snapshot().holds().get(0).id().value();
        review.when(releaseHold(hold)).expectAccepted();
        review.when(allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1)))).expectAccepted();
        review.when(release(F1)).expectAccepted();
        review.when(pick(F1, fl(L1, 1), fl(L2, 1))).expectAccepted();
        review.when(new OrderCommand.FillBackorder(plan(F2, STORE, true, fl(L1, 1), fl(L3, 3)), NOW)).expectAccepted();
        review.when(pack(F1)).expectAccepted();
        review.when(ship(F1)).expectAccepted();
        review.when(new OrderCommand.FailDelivery(F1, "nobody_home", NOW)).expectAccepted();
        review.when(deliver(F1)).expectAccepted();
        review.when(voidAuth(100, "v-1")).expectAccepted();
        all.add(review);
        // cancellations and rejections
        OrderFixture cancelled = OrderFixture.standard().allocated();
        cancelled.when(cancelOrder()).expectAccepted();
        all.add(cancelled);
        OrderFixture declined = OrderFixture.standard().given(place());
        declined.when(decline()).expectAccepted();
        all.add(declined);
        // payment calls written ahead: an approved authorization, a declined capture, an approved refund
        OrderFixture ahead = OrderFixture.standard().given(place());
        ahead.when(OrderFixture.requestPayment(TransactionType.AUTHORIZATION, OrderFixture.TOTAL, null, null))
                .expectAccepted();
        ahead.when(OrderFixture.completePayment("o-1:auth:2", PaymentOutcome.approved("auth-7", usd(OrderFixture.TOTAL))))
                .expectAccepted();
        ahead.when(fraud(FraudDecision.ACCEPT)).expectAccepted();
        ahead.when(OrderFixture.requestPayment(TransactionType.CAPTURE, 1000, "auth-7", null)).expectAccepted();
        ahead.when(OrderFixture.completePayment("o-1:capture:5", PaymentOutcome.declined("d-1", usd(1000), "no")))
                .expectAccepted();
        ahead.when(OrderFixture.requestPayment(TransactionType.CAPTURE, 1000, "auth-7", null)).expectAccepted();
        ahead.when(OrderFixture.completePayment("o-1:capture:7", PaymentOutcome.approved("cap-7", usd(1000))))
                .expectAccepted();
        ahead.when(OrderFixture.requestPayment(TransactionType.REFUND, 400, "cap-7", null)).expectAccepted();
        ahead.when(OrderFixture.completePayment("o-1:refund:9", PaymentOutcome.approved("ref-7", usd(400))))
                .expectAccepted();
        all.add(ahead);
        OrderFixture withdrawn = OrderFixture.standard().completed().given(requestReturn(R1, item(L3, 2)));
        withdrawn.when(new OrderCommand.CancelReturn(R1, NOW)).expectAccepted();
        all.add(withdrawn);
        OrderFixture placedHold = OrderFixture.standard().given(place());
        placedHold.when(OrderFixture.hold("h", HoldType.MANUAL)).expectAccepted();
        all.add(placedHold);
        return all;
    }

    @Test
    void journeys_produceEveryEventType_soApplyCoversAll() {
        Set<Class<?>> seen = new HashSet<>();
        for (OrderFixture f : journeys()) {
            for (OrderEvent e : f.history()) {
                seen.add(e.getClass());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(OrderEvent.class.getPermittedSubclasses());
    }

    @Test
    void replay_ofEveryJourney_equalsItsLastSnapshot() {
        for (OrderFixture f : journeys()) {
            assertThat(OrderDecider.standard().replay(f.history())).isEqualTo(f.snapshot());
        }
    }

    @Test
    void replay_ofPrefix_equalsSnapshotAtThatVersion() {
        OrderFixture f = OrderFixture.standard().allocated();
        List<OrderEvent> h = f.history();
        List<OrderEvent> prefix = new ArrayList<>();
        for (OrderEvent e : h) {
            if (e.orderVersion() <= 3) {
                prefix.add(e);
            }
        }
        OrderSnapshot s = OrderDecider.standard().replay(prefix);
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Nested
    class ImportedHistory {
        private OrderEvent placed() {
            return new OrderPlaced(EventId.of("imp-1"), ORDER, 1, Instant.parse("2025-01-01T00:00:00Z"),
                    Channel.of(ChannelType.MARKETPLACE), "ext", "idem", null, OrderFixture.USD, null, null, null, null,
                    OrderFixture.standardLines());
        }

        @Test
        void replay_appliesRecordedFactsWithoutDeciding() {
            Instant t = Instant.parse("2025-01-02T00:00:00Z");
            // a shipment of the wrong SKU straight from PLANNED, recorded as it happened; decide would never produce
            // it this way. Units move by their own events (unitsFrom null on the creation and the shipment)
            List<OrderEvent> events = List.of(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, t),
                    new FulfillmentCreated(EventId.of("imp-3"), ORDER, 3, t, F1, EAST, false, List.of(fl(L1, 2)), null,
                            null),
                    new LineQuantityMoved(EventId.of("imp-4"), ORDER, 3, t, L1, OrderFixture.A, 2, Bucket.PENDING,
                            Bucket.ALLOCATED, "F1", null, null),
                    new FulfillmentShipped(EventId.of("imp-5"), ORDER, 4, t, F1, EAST, "DHL", "x1",
                            List.of(new ShippedLine(L1, Sku.of("WRONG"), 2)), false, null),
                    new LineQuantityMoved(EventId.of("imp-6"), ORDER, 4, t, L1, OrderFixture.A, 2, Bucket.ALLOCATED,
                            Bucket.SHIPPED, "F1", null, null));
            OrderSnapshot s = OrderDecider.standard().replay(events);
            assertThat(s.version()).isEqualTo(4);
            assertThat(s.fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.SHIPPED);
            assertThat(s.line(L1).orElseThrow().in(Bucket.SHIPPED)).isEqualTo(2);
            assertThat(s.line(L1).orElseThrow().in(Bucket.ALLOCATED)).isZero();
            assertThat(s.placedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(s.updatedAt()).isEqualTo(t);
        }

        @Test
        void decide_continuesFromImportedHistory() {
            OrderFixture f = OrderFixture.standard().givenEvents(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, Instant.parse("2025-01-01T00:05:00Z")));
            f.when(OrderFixture.allocateAll()).expectUnits(L1, Bucket.ALLOCATED, 2);
            assertThat(f.snapshot().version()).isEqualTo(3);
            // 2 imported + the allocation's FulfillmentCreated, which carries every unit PENDING to ALLOCATED
            assertThat(f.history()).hasSize(3);
        }

        @Test
        void replay_empty_isMissingValue() {
            assertThatThrownBy(() -> OrderDecider.standard().replay(List.of()))
                    .isInstanceOf(OmsValidationException.class);
        }

        @Test
        void replay_notStartingWithPlaced_isRefused() {
            assertThatThrownBy(() -> OrderDecider.standard().replay(
                    List.of(new OrderConfirmed(EventId.of("x"), ORDER, 2, NOW))))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("order.placed.v1");
        }

        @Test
        void replay_eventOfAnotherOrder_isRefused() {
            assertThatThrownBy(() -> OrderDecider.standard().replay(
                    List.of(placed(), new OrderConfirmed(EventId.of("x"), OrderId.of("other"), 2, NOW))))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("other");
        }

        @Test
        void replay_shipmentCarryingItsUnits_movesThemFromTheFulfillmentsBucket_orRefusesAnotherBucket() {
            Instant t = Instant.parse("2025-01-02T00:00:00Z");
            OrderEvent created = new FulfillmentCreated(EventId.of("imp-3"), ORDER, 3, t, F1, EAST, false,
                    List.of(fl(L1, 2)), null, Bucket.PENDING);
            OrderSnapshot s = OrderDecider.standard().replay(List.of(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, t), created,
                    new FulfillmentShipped(EventId.of("imp-4"), ORDER, 4, t, F1, EAST, "DHL", "x1",
                            List.of(new ShippedLine(L1, OrderFixture.A, 2)), true, Bucket.ALLOCATED)));
            assertThat(s.line(L1).orElseThrow().in(Bucket.SHIPPED)).isEqualTo(2);
            assertThat(s.line(L1).orElseThrow().in(Bucket.ALLOCATED)).isZero();
            assertThatThrownBy(() -> OrderDecider.standard().replay(List.of(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, t), created,
                    new FulfillmentShipped(EventId.of("imp-4"), ORDER, 4, t, F1, EAST, "DHL", "x1",
                            List.of(new ShippedLine(L1, OrderFixture.A, 2)), true, Bucket.PACKED))))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("but they are ALLOCATED");
        }

        @Test
        void replay_stepEventWithWrongFromStatus_isRefused() {
            Instant t = Instant.parse("2025-01-02T00:00:00Z");
            // the fulfillment is PLANNED; the event claims it was RELEASED
            assertThatThrownBy(() -> OrderDecider.standard().replay(List.of(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, t),
                    new FulfillmentCreated(EventId.of("imp-3"), ORDER, 3, t, F1, EAST, false, List.of(fl(L1, 2)), null,
                            Bucket.PENDING),
                    new FulfillmentStateChanged(EventId.of("imp-4"), ORDER, 4, t, F1, EAST, "RELEASED",
                            FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, List.of(fl(L1, 2))))))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("but it is PLANNED")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void replay_stepEventCarryingUnitsThatLeaveTheFulfillment_isRefused() {
            Instant t = Instant.parse("2025-01-02T00:00:00Z");
            // cancelled units must move by LineQuantityMoved (initiator, reason; the engine releases their stock)
            assertThatThrownBy(() -> OrderDecider.standard().replay(List.of(placed(),
                    new OrderConfirmed(EventId.of("imp-2"), ORDER, 2, t),
                    new FulfillmentCreated(EventId.of("imp-3"), ORDER, 3, t, F1, EAST, false, List.of(fl(L1, 2)), null,
                            Bucket.PENDING),
                    new FulfillmentStateChanged(EventId.of("imp-4"), ORDER, 4, t, F1, EAST, "PLANNED",
                            FulfillmentStatus.PLANNED, "CANCELLED", FulfillmentStatus.CANCELLED, null,
                            List.of(fl(L1, 2))))))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("must move by their own")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void replay_moveOfMoreThanBucketHolds_isInsufficient() {
            assertThatThrownBy(() -> OrderDecider.standard().replay(List.of(placed(),
                    new LineQuantityMoved(EventId.of("x"), ORDER, 2, NOW, L1, OrderFixture.A, 3, Bucket.PENDING,
                            Bucket.CANCELLED, null, null, null))))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(((OmsValidationException) e).code())
                            .isEqualTo(OmsErrorCode.INSUFFICIENT_QUANTITY));
        }

        @Test
        void apply_placedOnExistingOrder_isDuplicate() {
            OrderSnapshot s = OrderDecider.standard().replay(List.of(placed()));
            assertThatThrownBy(() -> OrderDecider.standard().apply(s, placed()))
                    .isInstanceOf(OmsValidationException.class);
        }
    }

    @Test
    void apply_stepByStep_equalsDecidedSnapshot_forEveryCommand() {
        OrderFixture f = OrderFixture.standard().shipped();
        OrderSnapshot s = null;
        for (OrderEvent e : f.history()) {
            s = OrderDecider.standard().apply(s, e);
        }
        assertThat(s).isEqualTo(f.snapshot());
        assertThat(s.line(L1).orElseThrow().in(Bucket.SHIPPED)).isEqualTo(2);
        assertThat(OrderViews.captured(s)).isEqualTo(usd(0));
        assertThat(capture(TOTAL).amount()).isEqualTo(usd(TOTAL));
    }
}
