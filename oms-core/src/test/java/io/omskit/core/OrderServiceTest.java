package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.FraudScreener;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderServiceTest {
    private static final OrderId ID = OrderId.of("ORD-1");

    private final EngineFixture f = new EngineFixture();

    private OrderService confirmedOrder(OrderService oms, Object... skuQty) {
        oms.place(EngineFixture.order(ID.value(), skuQty));
        assertThat(oms.verify(ID).status()).isEqualTo(OrderStatus.CONFIRMED);
        return oms;
    }

    @Nested
    class Capture {
        @Test
        void place_sameChannelAndExternalIdTwice_returnsTheOriginalAndCreatesNothing() {
            OrderService oms = f.engine();
            OrderSnapshot first = oms.place(EngineFixture.order("ORD-1", "SKU-A", 1));
            PlaceOrder again = EngineFixture.order("ORD-2", "SKU-A", 1);
            // same channel and external id as ORD-1 would have: rebuild with ORD-1's external id
            PlaceOrder duplicate = new PlaceOrder(OrderId.of("ORD-2"), again.channel(), "ext-ORD-1", null, null,
                    again.currency(), again.shipTo(), again.billTo(), null, null, again.lines());
            OrderSnapshot second = oms.place(duplicate);
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(f.orders.size()).isEqualTo(1);
            assertThat(oms.history(ID)).hasSize(1).first().isInstanceOf(OrderPlaced.class);
        }

        @Test
        void build_withoutAStore_isAConfigurationError() {
            assertThatThrownBy(() -> Oms.builder().build())
                    .isInstanceOf(OmsValidationException.class)
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.CONFIGURATION);
        }

        @Test
        void config_aPenaltyOf0_buildsInEitherOrderOfTheWithers_aHostsRouterMayIgnoreIt() {
            io.omskit.spi.port.CostModel noPenalty = new io.omskit.spi.port.CostModel(2.0, 0.002, 0.0005, 0);
            EngineConfig minCost = EngineConfig.defaults().withCostModel(noPenalty);
            assertThat(minCost.costModel()).isEqualTo(noPenalty);
            assertThat(minCost.withRoutingStrategy("priority").routingStrategy()).isEqualTo("priority");
            assertThat(EngineConfig.defaults().withRoutingStrategy("priority").withCostModel(noPenalty)
                    .withRoutingStrategy("min_cost").costModel().unfilledPenaltyPerUnit()).isZero();
        }
    }

    @Nested
    class Verification {
        @Test
        void verify_fraudRejectsAnAuthorizedOrder_voidsTheAuthorization() {
            EngineFixture.PortWrapper rejecting = new EngineFixture.PortWrapper() {
                @Override
                public <T> T wrap(Class<T> type, T port) {
                    return type != FraudScreener.class ? port
                            : type.cast((FraudScreener) order -> new FraudAssessment(FraudDecision.REJECT, 99,
                            List.of("test")));
                }
            };
            OrderService oms = f.engine(EngineConfig.defaults(), rejecting);
            oms.place(EngineFixture.order(ID.value(), "SKU-A", 3));
            OrderSnapshot o = oms.verify(ID);
            assertThat(o.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(OrderViews.authorized(o).isPositive()).as("nothing left authorized").isFalse();
            assertThat(f.payments.totals(EngineFixture.USD).voided().isPositive()).isTrue();
            assertThat(f.payments.totals(EngineFixture.USD).voided())
                    .isEqualTo(f.payments.totals(EngineFixture.USD).authorized());
            assertThat(oms.verify(ID).version()).as("a repeat changes nothing").isEqualTo(o.version());
        }

        @Test
        void verify_authorizesTheAmountDue_andConfirms() {
            OrderService oms = f.engine();
            confirmedOrder(oms, "SKU-A", 2);
            assertThat(f.payments.totals(EngineFixture.USD).authorized()).isEqualTo(OrderViews.amountDue(oms.get(ID)));
        }

        @Test
        void verify_declined_rejectsTheOrder() {
            f.payments.declineWhen((id, amount) -> true, "do_not_honor");
            OrderService oms = f.engine();
            oms.place(EngineFixture.order(ID.value(), "SKU-A", 2));
            OrderSnapshot o = oms.verify(ID);
            assertThat(o.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(o.units(Bucket.CANCELLED)).isEqualTo(2);
        }

        @Test
        void hold_blocksRelease_untilReleased() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 1);
            oms.placeHold(ID, HoldId.of("H1"), HoldType.MANUAL, "call customer", "agent-7");
            OrderSnapshot routed = oms.route(ID);
            FulfillmentId fid = routed.fulfillments().get(0).id();
            assertThatThrownBy(() -> oms.release(ID, fid)).isInstanceOf(CommandRejectedException.class)
                    .extracting(e -> ((CommandRejectedException) e).code()).isEqualTo(OmsErrorCode.ORDER_ON_HOLD);
            oms.releaseHold(ID, HoldId.of("H1"), "agent-7");
            assertThat(oms.release(ID, fid).units(Bucket.RELEASED)).isEqualTo(1);
        }
    }

    @Nested
    class Routing {
        @Test
        void route_splitsOverLocations_andReservesEach() {
            f.stock(EngineFixture.EAST, "SKU-A", 2);
            f.stock(EngineFixture.WEST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 4);
            OrderSnapshot o = oms.route(ID);
            assertThat(o.fulfillments()).hasSize(2);
            assertThat(o.units(Bucket.ALLOCATED)).isEqualTo(4);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
            assertThat(f.inventory.level(EngineFixture.WEST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
        }

        @Test
        void route_shortage_backorders_andFillBackordersAllocatesLater() {
            f.stock(EngineFixture.EAST, "SKU-A", 1);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 3);
            assertThat(oms.route(ID).units(Bucket.BACKORDERED)).isEqualTo(2);
            f.inventory.restock("delivery-1", EngineFixture.WEST, Sku.of("SKU-A"), 10);
            OrderSnapshot o = oms.fillBackorders(ID);
            assertThat(o.units(Bucket.BACKORDERED)).isZero();
            assertThat(o.units(Bucket.ALLOCATED)).isEqualTo(3);
            assertThat(f.inventory.level(EngineFixture.WEST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
        }

        @Test
        void place_pickupAtALocationThatTakesNoPickupsOrIsUnknown_isATypedErrorAndStoresNothing() {
            OrderService oms = f.engine();
            assertThatThrownBy(() -> oms.place(pickupAt(EngineFixture.EAST))) // a warehouse: ships, no pickups
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThatThrownBy(() -> oms.place(pickupAt(LocationId.of("NOWHERE"))))
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.UNKNOWN_LOCATION));
            assertThat(oms.find(ID)).isEmpty();
            assertThat(f.orders.size()).isZero();
        }

        @Test
        void route_pickupOrderAtAStore_allocatesThere() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            f.stock(EngineFixture.STORE, "SKU-A", 5);
            OrderService oms = f.engine();
            oms.place(pickupAt(EngineFixture.STORE));
            oms.verify(ID);
            OrderSnapshot o = oms.route(ID);
            assertThat(o.fulfillments()).singleElement()
                    .satisfies(ff -> assertThat(ff.location()).isEqualTo(EngineFixture.STORE));
        }

        private PlaceOrder pickupAt(LocationId store) {
            PlaceOrder p = EngineFixture.order(ID.value(), "SKU-A", 2);
            return new PlaceOrder(p.orderId(), p.channel(), p.externalOrderId(), p.idempotencyKey(), p.customer(),
                    p.currency(), null, p.billTo(), store, p.promisedBy(), p.lines());
        }

        @Test
        void previewRouting_allocatesNothing() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            assertThat(oms.previewRouting(ID).allocations()).isNotEmpty();
            assertThat(oms.get(ID).units(Bucket.PENDING)).isEqualTo(2);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isZero();
        }
    }

    @Nested
    class ShippingAndMoney {
        @Test
        void fullJourney_capturesAtShipment_consumesStock() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            FulfillmentId fid = oms.route(ID).fulfillments().get(0).id();
            oms.release(ID, fid);
            oms.pick(ID, fid, List.of());
            oms.pack(ID, fid);
            assertThat(f.payments.totals(EngineFixture.USD).captured().isZero()).isTrue();
            OrderSnapshot shipped = oms.ship(ID, fid);
            assertThat(shipped.fulfillment(fid).orElseThrow().trackingNumber()).isNotBlank();
            assertThat(OrderViews.captured(shipped)).isEqualTo(OrderViews.amountDue(shipped));
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A"))).satisfies(l -> {
                assertThat(l.onHand()).isEqualTo(3);
                assertThat(l.reserved()).isZero();
            });
            assertThat(oms.deliver(ID, fid, false).status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        void captureAtConfirmation_thenPartialCancel_refundsTheDifference() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = f.engine(EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION),
                    EngineFixture.PortWrapper.NONE);
            confirmedOrder(oms, "SKU-A", 3);
            OrderSnapshot o = oms.get(ID);
            assertThat(OrderViews.captured(o)).isEqualTo(OrderViews.amountDue(o));
            oms.route(ID);
            o = oms.cancelLine(ID, o.lines().get(0).id(), 1, Initiator.CUSTOMER, "customer_request");
            assertThat(OrderViews.captured(o).minus(OrderViews.refunded(o))).isEqualTo(OrderViews.amountDue(o));
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
        }

        @Test
        void cancelOrder_releasesStock_andVoidsTheAuthorization() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            oms.route(ID);
            OrderSnapshot o = oms.cancel(ID, Initiator.CUSTOMER, "customer_request");
            assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isZero();
            assertThat(f.payments.totals(EngineFixture.USD).voided().isPositive()).isTrue();
            assertThat(f.payments.totals(EngineFixture.USD).voided()).isEqualTo(f.payments.totals(EngineFixture.USD).authorized());
        }

        @Test
        void release_beforeItsReservationWasMade_settlesItFirst_andARefusedOneIsNeverReleased() {
            f.stock(EngineFixture.EAST, "SKU-A", 3);
            // another order takes the units just before this order's reservation is made
            EngineFixture.PortWrapper otherOrderWinsTheStock = EngineFixture.PortWrapper.around(InventoryStore.class,
                    (method, args, call) -> {
                        if (method.equals("reserve") && "ORD-1/F1".equals(args[0])) {
                            f.inventory.reserve("ORD-2/F1", EngineFixture.EAST, Map.of(Sku.of("SKU-A"), 3));
                        }
                        return call.call();
                    });
            OrderService oms = f.engine(EngineConfig.defaults(), otherOrderWinsTheStock);
            List<Throwable> refused = new ArrayList<>();
            oms.onEvents(e -> {
                if (e instanceof FulfillmentCreated c && c.orderId().equals(ID)) {
                    try {
                        oms.release(ID, c.fulfillmentId()); // the host sends new fulfillments out at once
                    } catch (CommandRejectedException x) {
                        refused.add(x);
                    }
                }
            });
            confirmedOrder(oms, "SKU-A", 3);
            OrderSnapshot o = oms.route(ID);
            FulfillmentId f1 = FulfillmentId.of("F1");
            assertThat(refused).hasSize(1);
            assertThat(o.fulfillment(f1).orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(o.lines().get(0).in(Bucket.BACKORDERED)).isEqualTo(3);
            assertThat(f.inventory.held("ORD-1/F1")).isEmpty();
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(3);
        }

        @Test
        void release_ofAReservationThisEngineSawAccepted_doesNotRepeatIt_anotherEngineRepeatsIt() {
            f.stock(EngineFixture.EAST, "SKU-A", 6);
            List<String> reserves = new ArrayList<>();
            EngineFixture.PortWrapper counting = EngineFixture.PortWrapper.around(InventoryStore.class,
                    (method, args, call) -> {
                        if (method.equals("reserve")) {
                            reserves.add((String) args[0]);
                        }
                        return call.call();
                    });
            OrderService oms = confirmedOrder(f.engine(EngineConfig.defaults(), counting), "SKU-A", 3);
            FulfillmentId fid = oms.route(ID).fulfillments().get(0).id();
            assertThat(oms.release(ID, fid).fulfillment(fid).orElseThrow().status())
                    .isEqualTo(FulfillmentStatus.RELEASED);
            assertThat(reserves).containsExactly("ORD-1/F1");

            // an engine that did not see the reservation made (a restart, another instance) repeats it first
            OrderId second = OrderId.of("ORD-2");
            oms.place(EngineFixture.order(second.value(), "SKU-A", 3));
            oms.verify(second);
            FulfillmentId fid2 = oms.route(second).fulfillments().get(0).id();
            OrderService other = f.engine(EngineConfig.defaults(), counting);
            assertThat(other.release(second, fid2).fulfillment(fid2).orElseThrow().status())
                    .isEqualTo(FulfillmentStatus.RELEASED);
            assertThat(reserves).containsExactly("ORD-1/F1", "ORD-2/F1", "ORD-2/F1");
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(6);
        }

        @Test
        void release_aPlannedFulfillmentWhoseReservationHolds_releases() {
            f.stock(EngineFixture.EAST, "SKU-A", 3);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 3);
            FulfillmentId fid = oms.route(ID).fulfillments().get(0).id();
            assertThat(oms.release(ID, fid).fulfillment(fid).orElseThrow().status())
                    .isEqualTo(FulfillmentStatus.RELEASED);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(3);
        }

        @Test
        void declareLost_afterAFailedDelivery_completesThePaidOrder_andARepeatIsANoOp() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            FulfillmentId fid = oms.route(ID).fulfillments().get(0).id();
            oms.release(ID, fid);
            oms.pick(ID, fid, List.of());
            oms.pack(ID, fid);
            oms.ship(ID, fid);
            oms.failDelivery(ID, fid, "nobody_home");
            OrderSnapshot lost = oms.declareLost(ID, fid, "no_scan_for_10_days");
            assertThat(lost.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(lost.units(Bucket.LOST)).isEqualTo(2);
            assertThat(oms.declareLost(ID, fid, "no_scan_for_10_days").version()).isEqualTo(lost.version());
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).onHand()).isEqualTo(3);
            assertThat(f.inventory.totals().conserved()).isTrue();
        }

        @Test
        void recordTracking_sameCarrierEventTwice_isRecordedOnce() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 1);
            FulfillmentId fid = oms.route(ID).fulfillments().get(0).id();
            oms.release(ID, fid);
            oms.pick(ID, fid, List.of());
            oms.pack(ID, fid);
            String tracking = oms.ship(ID, fid).fulfillment(fid).orElseThrow().trackingNumber();
            TrackingEvent event = new TrackingEvent("evt-1", tracking, TrackingStatus.IN_TRANSIT,
                    Instant.parse("2026-03-03T10:00:00Z"), "departed");
            long v1 = oms.recordTracking(ID, fid, event).version();
            long v2 = oms.recordTracking(ID, fid, event).version();
            assertThat(v2).isEqualTo(v1);
        }
    }

    @Nested
    class RepeatedCalls {
        private OrderSnapshot shipAndDeliver(OrderService oms) {
            OrderSnapshot o = oms.route(ID);
            for (var ff : o.fulfillments()) {
                oms.release(ID, ff.id());
                oms.pick(ID, ff.id(), List.of());
                oms.pack(ID, ff.id());
                oms.ship(ID, ff.id());
                oms.deliver(ID, ff.id(), false);
            }
            return oms.get(ID);
        }

        @Test
        void shipDeliverCancel_calledAgain_areNoOps() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 1);
            OrderSnapshot done = shipAndDeliver(oms);
            FulfillmentId fid = done.fulfillments().get(0).id();
            assertThat(oms.ship(ID, fid).version()).isEqualTo(done.version());
            assertThat(oms.deliver(ID, fid, false).version()).isEqualTo(done.version());
            assertThat(f.carrier.labelCount()).isEqualTo(1);

            oms.place(EngineFixture.order("ORD-2", "SKU-A", 1));
            OrderSnapshot cancelled = oms.cancel(OrderId.of("ORD-2"), Initiator.CUSTOMER, "customer_request");
            assertThat(oms.cancel(OrderId.of("ORD-2"), Initiator.CUSTOMER, "customer_request").version())
                    .isEqualTo(cancelled.version());
        }

        @Test
        void cancelLineAtVersion_repeated_isRefusedAsStaleAndCancelsOnce() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 3);
            OrderSnapshot seen = oms.route(ID);
            var line = seen.lines().get(0).id();
            OrderSnapshot after = oms.cancelLine(ID, line, 1, Initiator.CUSTOMER, "customer_request", seen.version());
            assertThat(after.version()).isEqualTo(seen.version() + 1);
            assertThat(after.lines().get(0).in(Bucket.CANCELLED)).isEqualTo(1);

            // the retry of the same request (same version seen) changes nothing
            assertThatThrownBy(() -> oms.cancelLine(ID, line, 1, Initiator.CUSTOMER, "customer_request",
                    seen.version()))
                    .isInstanceOfSatisfying(StaleOrderException.class, e -> {
                        assertThat(e.code()).isEqualTo(OmsErrorCode.STALE_VERSION);
                        assertThat(e.expectedVersion()).isEqualTo(seen.version());
                        assertThat(e.actualVersion()).isEqualTo(after.version());
                    });
            OrderSnapshot now = oms.get(ID);
            assertThat(now.version()).isEqualTo(after.version());
            assertThat(now.lines().get(0).in(Bucket.CANCELLED)).isEqualTo(1);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
        }

        @Test
        void cancelLineAtVersion_aheadOfTheOrder_isRefusedAndTheVersionItNamesWorks() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            OrderSnapshot o = oms.get(ID);
            var line = o.lines().get(0).id();
            assertThatThrownBy(() -> oms.cancelLine(ID, line, 1, Initiator.CUSTOMER, "customer_request",
                    o.version() + 1))
                    .isInstanceOf(StaleOrderException.class);
            assertThat(oms.get(ID)).isEqualTo(o);
            assertThat(oms.cancelLine(ID, line, 1, Initiator.CUSTOMER, "customer_request", o.version())
                    .lines().get(0).in(Bucket.CANCELLED)).isEqualTo(1);
        }

        @Test
        void receiveReturnAtVersion_repeated_receivesOnce() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            OrderSnapshot o = shipAndDeliver(oms);
            var line = o.lines().get(0).id();
            var rid = io.omskit.spi.model.ReturnId.of("R1");
            oms.requestReturn(ID, rid, List.of(new OrderCommand.ReturnItem(line, 2, "changed_mind")));
            OrderSnapshot seen = oms.approveReturn(ID, rid);
            var parcel = List.of(new OrderCommand.ReceivedItem(line, 1));
            OrderSnapshot received = oms.receiveReturn(ID, rid, EngineFixture.EAST, parcel, seen.version());
            assertThatThrownBy(() -> oms.receiveReturn(ID, rid, EngineFixture.EAST, parcel, seen.version()))
                    .isInstanceOf(StaleOrderException.class);
            assertThat(oms.get(ID)).isEqualTo(received);
            assertThat(received.orderReturn(rid).orElseThrow().lines().get(0).received()).isEqualTo(1);
        }

        @Test
        void place_anotherRequestReusingTheOrderId_isRefused() {
            OrderService oms = f.engine();
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 1));
            PlaceOrder other = EngineFixture.order("ORD-1", "SKU-B", 2);
            PlaceOrder reused = new PlaceOrder(ID, other.channel(), "another-external-id", null, null,
                    other.currency(), other.shipTo(), other.billTo(), null, null, other.lines());
            assertThatThrownBy(() -> oms.place(reused)).isInstanceOf(CommandRejectedException.class)
                    .extracting(e -> ((CommandRejectedException) e).code()).isEqualTo(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void repeatedRestockInspection_restocksOnlyNewlyReceivedUnits() {
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            OrderSnapshot o = shipAndDeliver(oms);
            var line = o.lines().get(0).id();
            var rid = io.omskit.spi.model.ReturnId.of("R1");
            oms.requestReturn(ID, rid, List.of(new OrderCommand.ReturnItem(line, 2, "changed_mind")));
            oms.approveReturn(ID, rid);
            oms.receiveReturn(ID, rid, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(line, 1)));
            oms.inspectReturn(ID, rid, line, io.omskit.spi.model.InspectionResult.ACCEPTED, io.omskit.spi.model.Disposition.RESTOCK);
            oms.inspectReturn(ID, rid, line, io.omskit.spi.model.InspectionResult.ACCEPTED, io.omskit.spi.model.Disposition.RESTOCK);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).onHand()).isEqualTo(4);
            oms.receiveReturn(ID, rid, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(line, 1)));
            oms.inspectReturn(ID, rid, line, io.omskit.spi.model.InspectionResult.ACCEPTED, io.omskit.spi.model.Disposition.RESTOCK);
            oms.resume(ID);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).onHand()).isEqualTo(5);
            assertThat(f.inventory.totals().conserved()).isTrue();
        }

        @Test
        void closeReturn_retriedAfterALostRefundAnswer_refundsTheWholeValueOnce() {
            f.stock(EngineFixture.EAST, "SKU-A", 1);
            f.stock(EngineFixture.WEST, "SKU-A", 1);
            OrderService oms = confirmedOrder(f.engine(), "SKU-A", 2);
            OrderSnapshot o = shipAndDeliver(oms);
            assertThat(o.fulfillments()).hasSize(2); // two shipments, two captures
            var line = o.lines().get(0).id();
            var rid = io.omskit.spi.model.ReturnId.of("R1");
            oms.requestReturn(ID, rid, List.of(new OrderCommand.ReturnItem(line, 2, "changed_mind")));
            oms.approveReturn(ID, rid);
            oms.receiveReturn(ID, rid, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(line, 2)));
            f.payments.failFirstAttempts(k -> k.contains(":refund:"), 1,
                    io.omskit.core.memory.SimulatedPaymentGateway.Failure.TIMEOUT_AFTER_APPLYING);
            // each refund key loses its first answer: the host retries until the close goes through
            int failures = 0;
            OrderSnapshot closed = null;
            while (closed == null && failures < 5) {
                try {
                    closed = oms.closeReturn(ID, rid, io.omskit.spi.model.Resolution.REFUND);
                } catch (io.omskit.spi.ProviderException e) {
                    failures++;
                }
            }
            assertThat(failures).isEqualTo(2);
            io.omskit.spi.model.Money value = o.lines().get(0).spec().unitPrice().times(2);
            assertThat(OrderViews.refunded(closed)).isEqualTo(value);
            assertThat(f.payments.totals(EngineFixture.USD).refunded()).isEqualTo(value);
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    class HostGuards {
        /**
         * The host's guard on entering CANCELLED refuses the cancellation of an order's last open units as it refuses
         * {@code cancel}: nothing saved, the reservation kept.
         */
        @Test
        void cancelLine_ofTheLastOpenUnits_isRefusedByAGuardOnEnteringCancelled_andNothingIsReleased() {
            OrderService guarded = Oms.builder()
                    .clock(f.clock).orders(f.orders).inventory(f.inventory)
                    .locations(io.omskit.core.memory.StaticLocationDirectory.of(f.locations))
                    .payments(f.payments).fraud(f.fraud).carriers(f.carrier).router(new NearestStockRouter())
                    .decider(OrderDecider.builder().guardEntering(OrderStatus.CANCELLED,
                            (before, c, after) -> java.util.Optional.of("cancellations need a manager")).build())
                    .build();
            f.stock(EngineFixture.EAST, "SKU-A", 5);
            OrderId id = OrderId.of("O-G");
            guarded.place(EngineFixture.order("O-G", "SKU-A", 2));
            guarded.verify(id);
            OrderSnapshot routed = guarded.route(id);

            assertThatThrownBy(() -> guarded.cancelLine(id, io.omskit.spi.model.LineId.of("O-G-L1"), 2,
                    Initiator.CUSTOMER, "changed mind"))
                    .isInstanceOfSatisfying(CommandRejectedException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.GUARD_REJECTED));
            assertThatThrownBy(() -> guarded.cancel(id, Initiator.CUSTOMER, "changed mind"))
                    .isInstanceOfSatisfying(CommandRejectedException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.GUARD_REJECTED));

            assertThat(guarded.get(id)).isEqualTo(routed);
            assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isEqualTo(2);
        }
    }

    @Nested
    class ListenersAndConflicts {
        @Test
        void listener_receivesEventsAfterCommit_andCanBeRemoved() {
            OrderService oms = f.engine();
            List<OrderEvent> seen = new ArrayList<>();
            Registration r = oms.onEvents(seen::add);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 1));
            assertThat(seen).hasSize(1);
            r.remove();
            oms.place(EngineFixture.order("ORD-2", "SKU-A", 1));
            assertThat(seen).hasSize(1);
        }

        @Test
        void throwingListener_changesNothing() {
            OrderService oms = f.engine();
            oms.onEvents(e -> {
                throw new IllegalStateException("host bug");
            });
            OrderSnapshot o = oms.place(EngineFixture.order("ORD-1", "SKU-A", 1));
            assertThat(oms.get(ID)).isEqualTo(o);
        }

        @Test
        void saveAlwaysStale_givesUpWithConcurrentModification() {
            OrderService oms = f.engine(EngineConfig.defaults().withMaxAttempts(3),
                    EngineFixture.PortWrapper.around(OrderStore.class, (method, args, call) -> {
                        if (method.equals("save") && ((Long) args[1]) > 0) {
                            throw new StaleOrderException(ID.value(), (Long) args[1], (Long) args[1] + 1);
                        }
                        return call.call();
                    }));
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 1));
            assertThatThrownBy(() -> oms.verify(ID)).isInstanceOf(StaleOrderException.class)
                    .extracting(e -> ((StaleOrderException) e).code()).isEqualTo(OmsErrorCode.CONCURRENT_MODIFICATION);
            assertThat(oms.get(ID).version()).isEqualTo(1);
        }
    }
}
