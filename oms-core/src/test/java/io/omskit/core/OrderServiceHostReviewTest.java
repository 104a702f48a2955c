package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CostBreakdown;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.PlanError;
import io.omskit.spi.port.PlanExplanation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a host embedding omskit for the first time ran into (a review as a host developer): each one refused. */
class OrderServiceHostReviewTest {

    private static OmsErrorCode codeOf(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(OmsException.class);
        return ((OmsException) t).code();
    }

    @Nested
    class Capture {
        @Test
        void place_withoutShipToOrPickupLocation_isMissingValue_andStoresNothing() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            OrderService oms = f.engine();
            PlaceOrder usual = EngineFixture.order("ORD-1", "SKU-A", 1);
            assertThat(codeOf(() -> oms.place(new PlaceOrder(usual.orderId(), usual.channel(), usual.externalOrderId(),
                    null, null, EngineFixture.USD, null, usual.billTo(), null, null, usual.lines()))))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(oms.find(usual.orderId())).isEmpty();
            // a pickup order needs no ship-to address
            OrderSnapshot pickup = oms.place(new PlaceOrder(usual.orderId(), usual.channel(),
                    usual.externalOrderId(), null, null, EngineFixture.USD, null, null, EngineFixture.STORE, null,
                    usual.lines()));
            assertThat(pickup.pickupLocation()).isEqualTo(EngineFixture.STORE);
        }

        @Test
        void placeOrder_withANullLine_isMissingValue() {
            LineSpec line = new LineSpec(LineId.of("L1"), Sku.of("SKU-A"), 1, Money.ofMinor(100, "USD"), null);
            Address to = Address.at("New York", "US", EngineFixture.NEW_YORK);
            assertThat(codeOf(() -> new PlaceOrder(OrderId.of("O"), Channel.of(ChannelType.WEB), "x", null, null,
                    EngineFixture.USD, to, to, null, null, Arrays.asList(line, null))))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
        }
    }

    @Nested
    class Tracking {
        private final EngineFixture f = new EngineFixture();
        private final OrderService oms;
        private final OrderId id = OrderId.of("ORD-1");

        Tracking() {
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            oms = f.engine();
            oms.place(EngineFixture.order(id.value(), "SKU-A", 1));
            oms.verify(id);
            oms.route(id);
        }

        private TrackingEvent event(String eventId, String trackingNumber) {
            return new TrackingEvent(eventId, trackingNumber, TrackingStatus.IN_TRANSIT, f.clock.instant(), "moving");
        }

        @Test
        void recordTracking_onAFulfillmentNotShipped_isIllegalTransition_andRecordsNothing() {
            OrderSnapshot before = oms.get(id);
            Fulfillment planned = before.fulfillments().get(0);
            assertThat(codeOf(() -> oms.recordTracking(id, planned.id(), event("ev-1", "ANY"))))
                    .isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION);
            assertThat(oms.get(id)).isEqualTo(before);
        }

        @Test
        void recordTracking_ofAnotherParcel_isInvalidValue_andRecordsNothing_whileItsOwnParcelIsRecordedOnce() {
            Fulfillment planned = oms.get(id).fulfillments().get(0);
            oms.release(id, planned.id());
            oms.pick(id, planned.id(), List.of());
            oms.pack(id, planned.id());
            OrderSnapshot shipped = oms.ship(id, planned.id());
            String parcel = shipped.fulfillment(planned.id()).orElseThrow().trackingNumber();
            assertThat(parcel).isNotNull();
            assertThat(codeOf(() -> oms.recordTracking(id, planned.id(), event("ev-9", parcel + "X"))))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(oms.get(id)).isEqualTo(shipped);

            OrderSnapshot recorded = oms.recordTracking(id, planned.id(), event("ev-9", parcel));
            assertThat(recorded.version()).isEqualTo(shipped.version() + 1);
            assertThat(oms.recordTracking(id, planned.id(), event("ev-9", parcel))).isEqualTo(recorded);
        }

        @Test
        void recordTrackingCommand_onAFulfillmentNotShipped_isRefusedByTheDecider() {
            OrderSnapshot s = oms.get(id);
            Decision d = OrderDecider.standard().decide(s, new OrderCommand.RecordTracking(
                    s.fulfillments().get(0).id(), "ev-1", "IN_TRANSIT", null, f.clock.instant()));
            assertThat(d).isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION));
        }
    }

    @Test
    void releasePickPack_repeatedAfterALostResponse_returnTheOrderAndChangeNothing() {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 10);
        OrderService oms = f.engine();
        OrderId id = OrderId.of("ORD-1");
        oms.place(EngineFixture.order(id.value(), "SKU-A", 2));
        oms.verify(id);
        Fulfillment planned = oms.route(id).fulfillments().get(0);
        OrderSnapshot released = oms.release(id, planned.id());
        assertThat(oms.release(id, planned.id())).isEqualTo(released);
        OrderSnapshot picked = oms.pick(id, planned.id(), List.of());
        assertThat(oms.pick(id, planned.id(), List.of())).isEqualTo(picked);
        OrderSnapshot packed = oms.pack(id, planned.id());
        assertThat(oms.pack(id, planned.id())).isEqualTo(packed);
        assertThat(packed.version()).isEqualTo(released.version() + 2);
        // a step back is still refused: only the same step repeated is a no-op
        assertThat(codeOf(() -> oms.release(id, planned.id()))).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION);
        assertThat(oms.get(id)).isEqualTo(packed);
    }

    @Test
    void route_withAStrategyTheRouterDoesNotKnow_isUnknownStrategy_andChangesNothing() {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 10);
        // a router that knows no strategy "fastest" rejects the request, as omskit's Router.standard() does
        NearestStockRouter nearest = new NearestStockRouter();
        FulfillmentRouter router = r -> !r.strategy().equals("fastest") ? nearest.route(r)
                : new RoutingPlan(PlanStatus.REJECTED, r.strategy(), List.of(), List.of(), 0, CostBreakdown.ZERO, false,
                        0, new PlanExplanation(List.of(), List.of(), Double.NaN, Double.NaN, List.of(), Map.of(),
                        "rejected"), new PlanError(OmsErrorCode.UNKNOWN_STRATEGY, "unknown strategy fastest"));
        OrderService oms = f.engine(EngineConfig.defaults().withRoutingStrategy("fastest"),
                EngineFixture.PortWrapper.NONE, router);
        OrderId id = OrderId.of("ORD-1");
        oms.place(EngineFixture.order(id.value(), "SKU-A", 2));
        OrderSnapshot verified = oms.verify(id);
        int events = oms.history(id).size();
        assertThat(codeOf(() -> oms.route(id))).isEqualTo(OmsErrorCode.UNKNOWN_STRATEGY);
        assertThat(oms.get(id)).isEqualTo(verified);
        assertThat(oms.get(id).units(Bucket.BACKORDERED)).isZero();
        assertThat(oms.history(id)).hasSize(events);
        assertThat(f.inventory.level(EngineFixture.EAST, Sku.of("SKU-A")).reserved()).isZero();
    }

    @Test
    void fraudScreenerBuilder_badVelocity_isInvalidValue() {
        assertThat(codeOf(() -> RuleBasedFraudScreener.builder().velocity(0, Duration.ofDays(1))))
                .isEqualTo(OmsErrorCode.INVALID_VALUE);
        assertThat(codeOf(() -> RuleBasedFraudScreener.builder().velocity(3, Duration.ZERO)))
                .isEqualTo(OmsErrorCode.INVALID_VALUE);
    }
}
