package io.omskit.core;

import static io.omskit.core.OrderFixture.EAST;
import static io.omskit.core.OrderFixture.F1;
import static io.omskit.core.OrderFixture.L1;
import static io.omskit.core.OrderFixture.NOW;
import static io.omskit.core.OrderFixture.R1;
import static io.omskit.core.OrderFixture.TOTAL;
import static io.omskit.core.OrderFixture.authorize;
import static io.omskit.core.OrderFixture.fl;
import static io.omskit.core.OrderFixture.fraud;
import static io.omskit.core.OrderFixture.item;
import static io.omskit.core.OrderFixture.line;
import static io.omskit.core.OrderFixture.place;
import static io.omskit.core.OrderFixture.plan;
import static io.omskit.core.OrderFixture.release;
import static io.omskit.core.OrderFixture.ship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderStateChanged;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExtensionTest {

    static StateGraph<FulfillmentStatus> withQualityCheck() {
        return OrderGraphs.fulfillment().toBuilder()
                .state("QUALITY_CHECK", FulfillmentStatus.PACKED)
                .transition("PACKED", "QUALITY_CHECK")
                .transition("QUALITY_CHECK", "SHIPPED")
                .transition("QUALITY_CHECK", "CANCELLED")
                .removeTransition("PACKED", "SHIPPED")
                .build();
    }

    @Nested
    class CustomStates {
        @Test
        void qualityCheck_betweenPackedAndShipped_isMandatoryAndKeepsUnitsPacked() {
            OrderDecider d = OrderDecider.builder().fulfillmentGraph(withQualityCheck()).build();
            OrderFixture f = OrderFixture.with(d).packed();
            f.when(ship(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            OrderFixture.Then qc = f.when(new OrderCommand.TransitionFulfillment(F1, "QUALITY_CHECK", NOW))
                    .expectEvents(FulfillmentStateChanged.class)
                    .expectUnits(L1, Bucket.PACKED, 2);
            assertThat(qc.snapshot().fulfillment(F1).orElseThrow().state()).isEqualTo("QUALITY_CHECK");
            assertThat(qc.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.PACKED);
            assertThat(qc.event(FulfillmentStateChanged.class).toStatus()).isEqualTo(FulfillmentStatus.PACKED);
            assertThat(qc.event(FulfillmentStateChanged.class).lines()).as("PACKED to PACKED moves no unit").isEmpty();
            f.when(ship(F1)).expectEvents(FulfillmentShipped.class)
                    .expectUnits(L1, Bucket.SHIPPED, 2);
        }

        @Test
        void customFulfillmentState_cancelOrderFromIt_cancels() {
            OrderDecider d = OrderDecider.builder().fulfillmentGraph(withQualityCheck()).build();
            OrderFixture f = OrderFixture.with(d).packed()
                    .given(new OrderCommand.TransitionFulfillment(F1, "QUALITY_CHECK", NOW));
            f.when(OrderFixture.cancelOrder()).expectStatus(OrderStatus.CANCELLED).expectUnits(L1, Bucket.CANCELLED, 2);
        }

        @Test
        void transitionFulfillment_withoutEdge_isIllegal() {
            OrderDecider d = OrderDecider.builder().fulfillmentGraph(withQualityCheck()).build();
            OrderFixture.with(d).allocated().when(new OrderCommand.TransitionFulfillment(F1, "QUALITY_CHECK", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void customOrderState_manualApproval_reachedWithTransitionOrder_thenConfirm() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle().toBuilder()
                    .state("MANUAL_APPROVAL", OrderStatus.IN_REVIEW)
                    .transition("IN_REVIEW", "MANUAL_APPROVAL")
                    .transition("MANUAL_APPROVAL", "CONFIRMED")
                    .transition("MANUAL_APPROVAL", "CANCELLED")
                    .build();
            OrderDecider d = OrderDecider.builder().orderGraph(g).build();
            OrderFixture f = OrderFixture.with(d).given(place(), OrderFixture.hold("m", HoldType.MANUAL));
            f.when(new OrderCommand.TransitionOrder("MANUAL_APPROVAL", "big_order", NOW))
                    .expectEvents(OrderStateChanged.class).expectStatus(OrderStatus.IN_REVIEW);
            assertThat(f.snapshot().state()).isEqualTo("MANUAL_APPROVAL");
            f.when(OrderFixture.confirm()).expectEvents(OrderConfirmed.class);
        }

        @Test
        void customOrderState_withoutEdgeToConfirmed_blocksAutoConfirmation() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle().toBuilder()
                    .removeTransition("IN_REVIEW", "CONFIRMED").build();
            OrderDecider d = OrderDecider.builder().orderGraph(g).build();
            OrderFixture.with(d).given(place(), authorize(TOTAL)).when(fraud(FraudDecision.ACCEPT))
                    .expectStatus(OrderStatus.IN_REVIEW);
        }

        @Test
        void returnGraph_withCustomState_isRefused() {
            StateGraph<ReturnStatus> g = OrderGraphs.returns().toBuilder().state("IN_TRANSIT", ReturnStatus.APPROVED)
                    .build();
            assertThatThrownBy(() -> OrderDecider.builder().returnGraph(g))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IN_TRANSIT");
        }

        @Test
        void bucketGraph_withoutShortPickMove_rejectsShortPick() {
            StateGraph<Bucket> g = OrderGraphs.buckets().toBuilder().removeTransition("RELEASED", "BACKORDERED").build();
            OrderDecider d = OrderDecider.builder().bucketGraph(g).build();
            OrderFixture.with(d).allocated().given(release(F1)).when(OrderFixture.pick(F1, fl(L1, 1)))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }
    }

    @Nested
    class Guards {
        @Test
        void guard_refusal_isGuardRejectedWithReason() {
            OrderDecider d = OrderDecider.builder()
                    .guard(OrderCommand.Release.class, (s, c) -> Optional.of("warehouse closed on Sundays"))
                    .build();
            OrderFixture f = OrderFixture.with(d).allocated();
            f.when(release(F1)).expectRejectedWith(OmsErrorCode.GUARD_REJECTED, "warehouse closed on Sundays");
            assertThat(f.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.PLANNED);
        }

        @Test
        void guard_runsOnlyAfterBuiltInRulesAccepted() {
            OrderDecider d = OrderDecider.builder().guard((s, c) -> c instanceof OrderCommand.Place
                    ? Optional.empty() : Optional.of("frozen")).build();
            OrderFixture f = OrderFixture.with(d).given(place());
            f.when(release(io.omskit.spi.model.FulfillmentId.of("x"))).expectRejected(OmsErrorCode.UNKNOWN_FULFILLMENT);
            f.when(OrderFixture.confirm()).expectRejectedWith(OmsErrorCode.GUARD_REJECTED, "frozen");
        }

        @Test
        void guard_seesSnapshotBeforeCommand_andNullForPlace() {
            List<OrderSnapshot> seen = new ArrayList<>();
            OrderDecider d = OrderDecider.builder().guard((s, c) -> {
                seen.add(s);
                return Optional.empty();
            }).build();
            OrderFixture f = OrderFixture.with(d).given(place());
            f.when(OrderFixture.confirm()).expectAccepted();
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).isNull();
            assertThat(seen.get(1).status()).isEqualTo(OrderStatus.PLACED);
        }

        @Test
        void guard_forOtherCommandType_isNotAsked() {
            AtomicInteger calls = new AtomicInteger();
            OrderDecider d = OrderDecider.builder().guard(OrderCommand.Ship.class, (s, c) -> {
                calls.incrementAndGet();
                return Optional.of("no");
            }).build();
            OrderFixture.with(d).given(place()).when(OrderFixture.confirm()).expectAccepted();
            assertThat(calls).hasValue(0);
        }

        /** A guard on entering CANCELLED sees a CancelOrder and the CancelLine of the last open units alike. */
        @Test
        void guardEntering_cancelled_refusesEveryCommandThatCancels_andLetsPartialCancellationsThrough() {
            List<OrderCommand> asked = new ArrayList<>();
            OrderDecider d = OrderDecider.builder().guardEntering(OrderStatus.CANCELLED, (before, c, after) -> {
                asked.add(c);
                assertThat(before.status()).isEqualTo(OrderStatus.PLACED);
                assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
                return Optional.of("ask a manager");
            }).build();
            OrderFixture f = OrderFixture.with(d).given(place(), OrderFixture.cancelLine(OrderFixture.L2, 1),
                    OrderFixture.cancelLine(OrderFixture.L3, 3), OrderFixture.cancelLine(L1, 1));
            OrderSnapshot before = f.snapshot();

            f.when(OrderFixture.cancelOrder()).expectRejectedWith(OmsErrorCode.GUARD_REJECTED, "ask a manager");
            f.when(OrderFixture.cancelLine(L1, 1)).expectRejectedWith(OmsErrorCode.GUARD_REJECTED, "ask a manager");

            assertThat(asked).hasSize(2);
            assertThat(asked.get(0)).isInstanceOf(OrderCommand.CancelOrder.class);
            assertThat(asked.get(1)).isInstanceOf(OrderCommand.CancelLine.class);
            assertThat(f.snapshot()).isEqualTo(before);
        }

        @Test
        void guardEntering_runsOnlyOnEntering_afterTheCommandGuards_andNullIsAConfigurationError() {
            List<String> calls = new ArrayList<>();
            OrderDecider d = OrderDecider.builder()
                    .guardEntering(OrderStatus.PLACED, (before, c, after) -> {
                        calls.add("entering PLACED " + (before == null ? "new" : before.status()));
                        return Optional.empty();
                    })
                    .guard((s, c) -> {
                        calls.add("command " + c.getClass().getSimpleName());
                        return Optional.empty();
                    })
                    .build();
            OrderFixture f = OrderFixture.with(d).given(place());
            f.when(OrderFixture.hold("h1", HoldType.MANUAL)).expectAccepted(); // stays PLACED: not entering

            assertThat(calls).containsExactly("command Place", "entering PLACED new", "command PlaceHold");

            OrderDecider broken = OrderDecider.builder().guardEntering(OrderStatus.PLACED, (b, c, a) -> null).build();
            assertThatThrownBy(() -> broken.decide(null, place()))
                    .isInstanceOfSatisfying(io.omskit.spi.OmsException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.CONFIGURATION));
        }

        @Test
        void guard_limitingOrderValue_refusesPlace() {
            OrderDecider d = OrderDecider.builder().guard(OrderCommand.Place.class, (s, c) -> {
                OrderCommand.Place p = (OrderCommand.Place) c;
                return p.lines().size() > 2 ? Optional.of("at most 2 lines") : Optional.empty();
            }).build();
            OrderFixture.with(d).when(place()).expectRejectedWith(OmsErrorCode.GUARD_REJECTED, "at most 2 lines");
        }
    }

    @Nested
    class Listeners {
        private List<OrderEvent> events() {
            return OrderFixture.standard().allocated().history();
        }

        @Test
        void register_publish_remove_stopsDelivery() {
            EventListeners listeners = new EventListeners();
            List<OrderEvent> got = new ArrayList<>();
            Registration r = listeners.register(got::add);
            listeners.publish(events());
            assertThat(got).hasSameSizeAs(events());
            r.remove();
            r.remove();
            listeners.publish(events());
            assertThat(got).hasSameSizeAs(events());
            assertThat(listeners.size()).isZero();
        }

        @Test
        void listenerRegisteredDuringAPublish_seesNoneOfItsEvents_onlyTheNextPublish() {
            EventListeners listeners = new EventListeners();
            List<OrderEvent> late = new ArrayList<>();
            listeners.register(e -> {
                if (listeners.size() == 1) {
                    listeners.register(late::add);
                }
            });
            assertThat(events()).hasSizeGreaterThan(1);
            listeners.publish(events());
            assertThat(late).isEmpty();
            listeners.publish(events());
            assertThat(late).hasSameSizeAs(events());
        }

        @Test
        void throwingListener_isLoggedAndOthersStillRun() {
            EventListeners listeners = new EventListeners();
            List<OrderEvent> got = new ArrayList<>();
            listeners.register(e -> {
                throw new IllegalStateException("host bug");
            });
            listeners.register(got::add);
            listeners.publish(events());
            assertThat(got).hasSameSizeAs(events());
        }

        @Test
        void typedRegistration_receivesOnlyThatType() {
            EventListeners listeners = new EventListeners();
            List<OrderConfirmed> got = new ArrayList<>();
            try (Registration r = listeners.register(OrderConfirmed.class, got::add)) {
                listeners.publish(events());
                assertThat(r).isNotNull();
            }
            assertThat(got).hasSize(1);
            listeners.publish(events());
            assertThat(got).hasSize(1);
        }

        @Test
        void concurrentRegistrationAndPublish_deliverWithoutFailure() throws Exception {
            EventListeners listeners = new EventListeners();
            List<OrderEvent> evs = events();
            CopyOnWriteArrayList<OrderEvent> got = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    fs.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 200; i++) {
                            Registration r = listeners.register(got::add);
                            listeners.publish(evs);
                            r.remove();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : fs) {
                    f.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(listeners.size()).isZero();
            assertThat(got.size()).isGreaterThanOrEqualTo(4 * 200 * evs.size());
        }
    }

    @Nested
    class SealedFamilies {
        /** One sample of every command type. */
        private Map<Class<?>, OrderCommand> samples() {
            Map<Class<?>, OrderCommand> m = new HashMap<>();
            List<OrderCommand> all = List.of(place(), OrderFixture.hold("h", HoldType.MANUAL),
                    OrderFixture.releaseHold("h"), authorize(1), OrderFixture.decline(), OrderFixture.capture(1),
                    OrderFixture.voidAuth(1, "v"), OrderFixture.refund(1, "r", null), fraud(FraudDecision.ACCEPT),
                    OrderFixture.requestPayment(io.omskit.spi.model.TransactionType.AUTHORIZATION, 1, null, null),
                    OrderFixture.completePayment("o-1:auth:2",
                            io.omskit.spi.port.PaymentOutcome.approved("a", OrderFixture.usd(1))),
                    OrderFixture.confirm(), new OrderCommand.TransitionOrder("CONFIRMED", null, NOW),
                    OrderFixture.allocate(plan(OrderFixture.F2, EAST, false, fl(L1, 1))),
                    new OrderCommand.ReservationFailed(F1, NOW),
                    new OrderCommand.FillBackorder(plan(OrderFixture.F2, EAST, false, fl(L1, 1)), NOW), release(F1),
                    OrderFixture.pick(F1), OrderFixture.pack(F1), ship(F1),
                    new OrderCommand.RecordTracking(F1, "e", "s", null, NOW), OrderFixture.deliver(F1),
                    new OrderCommand.FailDelivery(F1, "r", NOW), new OrderCommand.DeclareLost(F1, "r", NOW),
                    new OrderCommand.ReadyForPickup(F1, NOW),
                    new OrderCommand.PickedUp(F1, NOW), new OrderCommand.TransitionFulfillment(F1, "PACKED", NOW),
                    OrderFixture.cancelOrder(), OrderFixture.cancelLine(L1, 1),
                    OrderFixture.requestReturn(R1, item(L1, 1)),
                    new OrderCommand.Exchange(R1, List.of(item(L1, 1)), List.of(line(LineId.of("L9"), Sku.of("Z"), 1, 0)),
                            NOW),
                    OrderFixture.approve(R1), new OrderCommand.RejectReturn(R1, "r", NOW),
                    new OrderCommand.CancelReturn(R1, NOW),
                    OrderFixture.receive(R1, OrderFixture.received(L1, 1)),
                    new OrderCommand.InspectReturn(R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK, NOW),
                    new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW));
            for (OrderCommand c : all) {
                m.put(c.getClass(), c);
            }
            return m;
        }

        @Test
        void everyCommandType_hasASample() {
            assertThat(samples().keySet()).containsExactlyInAnyOrder(OrderCommand.class.getPermittedSubclasses());
        }

        @Test
        void everyCommandType_isDecidedInEveryStage_withoutThrowing() {
            List<OrderFixture> stages = List.of(OrderFixture.standard().given(place()),
                    OrderFixture.standard().allocated(), OrderFixture.standard().shipped(),
                    OrderFixture.standard().completed(),
                    OrderFixture.standard().completed().given(OrderFixture.requestReturn(R1, item(L1, 1))),
                    OrderFixture.standard().given(place(), OrderFixture.cancelOrder()));
            int accepted = 0;
            for (OrderFixture stage : stages) {
                for (OrderCommand c : samples().values()) {
                    Decision d = OrderDecider.standard().decide(stage.snapshot(), c);
                    assertThat(d).as(c.getClass().getSimpleName()).isNotNull();
                    if (d.accepted()) {
                        accepted++;
                        Decision.Accepted a = (Decision.Accepted) d;
                        List<OrderEvent> h = new ArrayList<>(stage.history());
                        h.addAll(a.events());
                        assertThat(OrderDecider.standard().replay(h)).as(c.toString()).isEqualTo(a.snapshot());
                    }
                }
            }
            assertThat(accepted).isGreaterThan(20);
        }

        @Test
        void cancelLine_initiatorIsRecorded() {
            OrderFixture.standard().given(place()).when(new OrderCommand.CancelLine(L1, 1, Initiator.MERCHANT, "oos",
                    NOW)).expectAccepted();
        }
    }
}
