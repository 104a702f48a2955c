package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.PaymentGateway;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An order that owes more than its authorizations cover is not routed (unless {@link EngineConfig#routeWhileOwed}):
 * a dearer exchange's replacement waits, unreserved, until the difference is authorized.
 */
class OrderServiceOwedRoutingTest {
    private final EngineFixture fx = new EngineFixture();
    private final AtomicBoolean cardDeclined = new AtomicBoolean(false);
    private final AtomicBoolean providerDown = new AtomicBoolean(false);
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1");
    private final LineId x1 = LineId.of("O-1-X1");
    private final ReturnId r1 = ReturnId.of("R1");
    private final Sku skuB = Sku.of("SKU-B");

    OrderServiceOwedRoutingTest() {
        fx.payments.declineWhen((order, amount) -> cardDeclined.get(), "card_declined");
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
    }

    private OrderService engine(boolean routeWhileOwed) {
        // authorizations throw while the provider is down (after the request was written ahead)
        return fx.engine(EngineConfig.defaults().withRouteWhileOwed(routeWhileOwed),
                EngineFixture.PortWrapper.around(PaymentGateway.class, (method, args, proceed) -> {
                    if (providerDown.get() && method.equals("authorize")) {
                        throw ProviderException.timeout("injected: the provider does not answer");
                    }
                    return proceed.call();
                }));
    }

    /**
     * One unit of SKU-A (10.00) authorized and delivered with the card working, then exchanged for one unit of SKU-B
     * at {@code replacementMinor}; {@code declined}: the card is declined from the exchange on.
     */
    private void deliveredThenExchanged(OrderService oms, long replacementMinor, boolean declined) {
        oms.place(order("O-1", "SKU-A", 1));
        oms.verify(id);
        oms.route(id);
        EngineFixture.deliverAll(oms, id, FulfillmentId.of("F1"));
        cardDeclined.set(declined);
        oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                List.of(new LineSpec(x1, skuB, 1, Money.ofMinor(replacementMinor, "USD"), null)));
    }

    private int reservedB() {
        return fx.inventory.level(EngineFixture.EAST, skuB).reserved();
    }

    private static int replacementIn(OrderSnapshot o, Bucket bucket) {
        return o.line(LineId.of("O-1-X1")).orElseThrow().in(bucket);
    }

    @Nested
    @DisplayName("a dearer replacement whose difference is declined")
    class Declined {
        @Test
        @DisplayName("route and resume leave it PENDING and reserve nothing")
        void routeAndResume_whileOwed_leaveTheReplacementPending() {
            OrderService oms = engine(false);
            deliveredThenExchanged(oms, 1_500, true);
            OrderSnapshot before = oms.get(id);

            OrderSnapshot routed = oms.route(id);
            OrderSnapshot resumed = oms.resume(id);

            assertThat(routed).isEqualTo(before);
            assertThat(replacementIn(resumed, Bucket.PENDING)).isEqualTo(1);
            assertThat(resumed.fulfillments()).hasSize(1);
            assertThat(reservedB()).isZero();
        }

        @Test
        @DisplayName("once the host asks again with a card that works, route allocates and reserves it")
        void route_afterRetryAuthorizationCoveredTheDifference_allocates() {
            OrderService oms = engine(false);
            deliveredThenExchanged(oms, 1_500, true);
            oms.route(id);

            cardDeclined.set(false);
            oms.retryAuthorization(id);
            OrderSnapshot routed = oms.route(id);

            assertThat(replacementIn(routed, Bucket.ALLOCATED)).isEqualTo(1);
            assertThat(reservedB()).isEqualTo(1);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2"));
            oms.approveReturn(id, r1);
            oms.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            OrderSnapshot closed = oms.closeReturn(id, r1, Resolution.EXCHANGE);
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.captured(closed)).isEqualTo(Money.ofMinor(1_500, "USD"));
        }

        @Test
        @DisplayName("with routeWhileOwed it is routed at once (the merchant carries the risk)")
        void route_routeWhileOwed_allocatesAtOnce() {
            OrderService oms = engine(true);
            deliveredThenExchanged(oms, 1_500, true);

            OrderSnapshot routed = oms.route(id);

            assertThat(replacementIn(routed, Bucket.ALLOCATED)).isEqualTo(1);
            assertThat(reservedB()).isEqualTo(1);
        }

        @Test
        @DisplayName("units the order has paid for wait too: a backorder is not filled while the order owes")
        void fillBackorders_whileOwed_fillsNothingUntilCovered() {
            OrderService oms = engine(false);
            fx.stock(EngineFixture.EAST, "SKU-C", 0);
            oms.place(order("O-1", "SKU-A", 1, "SKU-C", 1));
            oms.verify(id);
            oms.route(id); // SKU-C backordered
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F1"));
            cardDeclined.set(true);
            oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, skuB, 1, Money.ofMinor(1_500, "USD"), null)));
            fx.stock(EngineFixture.EAST, "SKU-C", 3);

            OrderSnapshot waiting = oms.fillBackorders(id);

            assertThat(waiting.line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.BACKORDERED)).isEqualTo(1);
            cardDeclined.set(false);
            oms.retryAuthorization(id);
            OrderSnapshot filled = oms.fillBackorders(id);
            assertThat(filled.line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.ALLOCATED)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("a replacement allocated before its return is rejected (then charged at its price)")
    class RejectedAfterAllocation {
        @Test
        @DisplayName("its release is refused, changing nothing, until retryAuthorization covers its price")
        void release_replacementOwedFor_isRefusedUntilPaid() {
            OrderService oms = engine(false);
            deliveredThenExchanged(oms, 1_000, false); // an even exchange: nothing owed, routed at once
            oms.route(id);
            cardDeclined.set(true);
            oms.rejectReturn(id, r1, "outside the return window"); // the replacement is owed at its price
            OrderSnapshot before = oms.get(id);

            assertThatThrownBy(() -> oms.release(id, FulfillmentId.of("F2")))
                    .isInstanceOf(CommandRejectedException.class)
                    .extracting(e -> ((CommandRejectedException) e).code()).isEqualTo(OmsErrorCode.ORDER_ON_HOLD);
            assertThat(oms.get(id)).isEqualTo(before);

            cardDeclined.set(false);
            oms.retryAuthorization(id);
            OrderSnapshot released = oms.release(id, FulfillmentId.of("F2"));
            assertThat(released.fulfillment(FulfillmentId.of("F2")).orElseThrow().status())
                    .isEqualTo(io.omskit.spi.model.FulfillmentStatus.RELEASED);
        }

        @Test
        @DisplayName("with routeWhileOwed it is released at once")
        void release_routeWhileOwed_releases() {
            OrderService oms = engine(true);
            deliveredThenExchanged(oms, 1_000, false);
            oms.route(id);
            cardDeclined.set(true);
            oms.rejectReturn(id, r1, "outside the return window");

            assertThat(oms.release(id, FulfillmentId.of("F2")).fulfillment(FulfillmentId.of("F2")).orElseThrow()
                    .status()).isEqualTo(io.omskit.spi.model.FulfillmentStatus.RELEASED);
        }
    }

    @Nested
    @DisplayName("a dearer replacement whose difference's authorization is in flight")
    class InFlight {
        @Test
        @DisplayName("route waits; resume completes the request once the provider answers, then routes")
        void route_whileTheAuthorizationIsPending_waitsAndResumeRoutes() {
            OrderService oms = engine(false);
            oms.place(order("O-1", "SKU-A", 1));
            oms.verify(id);
            oms.route(id);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F1"));
            providerDown.set(true);
            assertThatThrownBy(() -> oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, skuB, 1, Money.ofMinor(1_500, "USD"), null))))
                    .isInstanceOf(ProviderException.class)
                    .extracting(e -> ((ProviderException) e).code()).isEqualTo(OmsErrorCode.PROVIDER_TIMEOUT);

            OrderSnapshot waiting = oms.route(id);
            assertThat(waiting.paymentRequests()).hasSize(1);
            assertThat(replacementIn(waiting, Bucket.PENDING)).isEqualTo(1);

            providerDown.set(false);
            OrderSnapshot resumed = oms.resume(id);
            assertThat(resumed.paymentRequests()).isEmpty();
            assertThat(replacementIn(resumed, Bucket.ALLOCATED)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("an exchange that owes nothing")
    class NothingOwed {
        @Test
        @DisplayName("is routed even while the card is declined: no authorization is asked for")
        void route_evenExchangeWithTheCardDeclined_allocates() {
            OrderService oms = engine(false);
            deliveredThenExchanged(oms, 1_000, true);

            OrderSnapshot routed = oms.route(id);

            assertThat(replacementIn(routed, Bucket.ALLOCATED)).isEqualTo(1);
        }

        @Test
        @DisplayName("a cheaper replacement is routed too")
        void route_cheaperExchange_allocates() {
            OrderService oms = engine(false);
            deliveredThenExchanged(oms, 400, true);

            assertThat(replacementIn(oms.route(id), Bucket.ALLOCATED)).isEqualTo(1);
        }
    }
}
