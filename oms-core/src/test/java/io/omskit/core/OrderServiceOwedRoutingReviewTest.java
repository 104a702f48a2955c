package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Review cases of the owed-routing gate ({@link EngineConfig#routeWhileOwed} false): a second, dearer exchange after
 * a cheaper one was refunded is held, a replacement allocated before its return was rejected is not released while
 * the order owes its price (it shipped on f015b4f, when the gate held routing only), and an order that owes only for
 * units it has routes a line it paid for (it waited for good on f015b4f).
 */
class OrderServiceOwedRoutingReviewTest {
    private final EngineFixture fx = new EngineFixture();
    private final AtomicBoolean cardDeclined = new AtomicBoolean(false);
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1");
    private final LineId x1 = LineId.of("O-1-X1");
    private final LineId x2 = LineId.of("O-1-X2");
    private final ReturnId r1 = ReturnId.of("R1");
    private final ReturnId r2 = ReturnId.of("R2");

    OrderServiceOwedRoutingReviewTest() {
        fx.payments.declineWhen((order, amount) -> cardDeclined.get(), "card_declined");
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        fx.stock(EngineFixture.EAST, "SKU-C", 5);
    }

    /** Verifies and routes the placed order, then delivers its first fulfillment (F1). */
    private void deliverFirst(OrderService oms) {
        oms.verify(id);
        oms.route(id);
        EngineFixture.deliverAll(oms, id, FulfillmentId.of("F1"));
    }

    @Nested
    @DisplayName("a dearer exchange after a cheaper one was closed with its refund")
    class AfterARefundedCheaperExchange {
        /**
         * SKU-A (10.00) delivered and captured; exchanged for SKU-B at 4.00, delivered, the return received and
         * closed as an exchange (6.00 refunded: the customer has paid 4.00 net, the authorization of 10.00 is all
         * captured); then SKU-B exchanged for SKU-C at 9.00: the customer owes 5.00 more.
         */
        private OrderService secondExchange(boolean declined) {
            return secondExchange(declined, CapturePolicy.AT_SHIPMENT);
        }

        private OrderService secondExchange(boolean declined, CapturePolicy policy) {
            OrderService oms = fx.engine(EngineConfig.defaults().withCapturePolicy(policy),
                    EngineFixture.PortWrapper.NONE);
            oms.place(order("O-1", "SKU-A", 1));
            deliverFirst(oms);
            oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(400, "USD"), null)));
            oms.route(id);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2"));
            oms.approveReturn(id, r1);
            oms.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            OrderSnapshot closed = oms.closeReturn(id, r1, Resolution.EXCHANGE);
            assertThat(OrderViews.sum(closed.payments(), TransactionType.REFUND)).isEqualTo(600);
            cardDeclined.set(declined);
            oms.exchange(id, r2, List.of(new OrderCommand.ReturnItem(x1, 1, "other size")),
                    List.of(new LineSpec(x2, Sku.of("SKU-C"), 1, Money.ofMinor(900, "USD"), null)));
            return oms;
        }

        @Test
        @DisplayName("its difference is declined: route leaves the replacement PENDING")
        void route_secondDearerExchangeDeclined_leavesTheReplacementPending() {
            OrderService oms = secondExchange(true);

            OrderSnapshot routed = oms.route(id);

            assertThat(routed.line(x2).orElseThrow().in(Bucket.PENDING)).isEqualTo(1);
        }

        @Test
        @DisplayName("captured at confirmation: route leaves the replacement PENDING and the exchange asked for 5.00")
        void route_secondDearerExchangeCapturedAtConfirmation_asksAndWaits() {
            OrderService oms = secondExchange(true, CapturePolicy.AT_CONFIRMATION);

            OrderSnapshot routed = oms.route(id);

            assertThat(routed.line(x2).orElseThrow().in(Bucket.PENDING)).isEqualTo(1);
            assertThat(routed.payments()).anyMatch(t -> t.type() == TransactionType.AUTHORIZATION && !t.succeeded()
                    && t.amount().minorUnits() == 500);
        }

        @Test
        @DisplayName("the exchange asks for the 5.00 owed (the refund of the first is counted)")
        void exchange_secondDearerExchange_authorizesTheDifference() {
            OrderService oms = secondExchange(false);
            OrderSnapshot o = oms.get(id);

            assertThat(OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)).isEqualTo(1_000 + 500);
        }
    }

    @Nested
    @DisplayName("a replacement already allocated when its return is rejected")
    class RejectedAfterAllocation {
        @Test
        @DisplayName("does not ship while the order owes its price (it did when the gate held routing only)")
        void ship_replacementAllocatedThenReturnRejected_isNotShippedUnpaid() {
            OrderService oms = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
            oms.place(order("O-1", "SKU-A", 1));
            deliverFirst(oms);
            // an even exchange: nothing owed, the replacement is routed at once (cross-shipped)
            oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(1_000, "USD"), null)));
            assertThat(oms.route(id).line(x1).orElseThrow().in(Bucket.ALLOCATED)).isEqualTo(1);
            // the return is rejected: the customer keeps SKU-A and the replacement is charged at its price (owed 10.00)
            oms.rejectReturn(id, r1, "outside the return window");
            cardDeclined.set(true);
            oms.retryAuthorization(id); // declined: the order still owes 10.00

            OrderSnapshot end;
            try {
                end = EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2"));
            } catch (RuntimeException refused) {
                end = oms.get(id);
            }

            boolean shipped = end.fulfillment(FulfillmentId.of("F2")).orElseThrow().shippedAt() != null;
            assertThat(shipped && OrderViews.captured(end).minorUnits() < 2_000)
                    .as("replacement shipped while its 10.00 is owed (captured %s)", OrderViews.captured(end))
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("what the host can do about an owing order (sound on f015b4f)")
    class WaysOut {
        /** SKU-A delivered, SKU-D backordered, then SKU-A exchanged for SKU-B at 15.00 with the card declined. */
        private OrderService owing() {
            OrderService oms = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
            fx.stock(EngineFixture.EAST, "SKU-D", 0);
            oms.place(order("O-1", "SKU-A", 1, "SKU-D", 1));
            deliverFirst(oms);
            cardDeclined.set(true);
            oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)));
            fx.stock(EngineFixture.EAST, "SKU-D", 3);
            assertThat(oms.fillBackorders(id).line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.BACKORDERED))
                    .isEqualTo(1);
            return oms;
        }

        @Test
        @DisplayName("cancelling the replacement lets the paid backorder be filled")
        void fillBackorders_replacementCancelled_fillsThePaidLine() {
            OrderService oms = owing();
            oms.cancelLine(id, x1, 1, Initiator.CUSTOMER, "changed mind");

            assertThat(oms.fillBackorders(id).line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.ALLOCATED))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("rejecting the return cancels the waiting replacement and lets the paid backorder be filled")
        void fillBackorders_returnRejected_fillsThePaidLine() {
            OrderService oms = owing();
            OrderSnapshot rejected = oms.rejectReturn(id, r1, "outside the window");

            assertThat(rejected.line(x1).orElseThrow().in(Bucket.CANCELLED)).isEqualTo(1);
            assertThat(oms.fillBackorders(id).line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.ALLOCATED))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("an order the host confirmed whose first authorization was declined is routed")
        void route_hostConfirmedFirstAuthorizationDeclined_allocates() {
            OrderService oms = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
            oms.place(order("O-1", "SKU-A", 1));
            oms.confirm(id, "host");
            cardDeclined.set(true);
            OrderSnapshot verified = oms.verify(id);
            assertThat(verified.status()).isEqualTo(io.omskit.spi.model.OrderStatus.CONFIRMED);

            assertThat(oms.route(id).line(l1).orElseThrow().in(Bucket.ALLOCATED)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("a replacement delivered, then its return rejected, with a paid line backordered")
    class OwedForDeliveredUnits {
        @Test
        @DisplayName("the paid line is filled once stock comes (it waited for good while the card was declined)")
        void fillBackorders_owedOnlyForDeliveredUnits_fillsThePaidLine() {
            OrderService oms = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
            fx.stock(EngineFixture.EAST, "SKU-D", 0);
            oms.place(order("O-1", "SKU-A", 1, "SKU-D", 1)); // 10.00 + 15.00 authorized
            deliverFirst(oms); // verified, routed (SKU-D backordered), F1 delivered
            // an even exchange, cross-shipped: the replacement is delivered before the return is decided on
            oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "other colour")),
                    List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(1_000, "USD"), null)));
            oms.route(id);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2"));
            // the return is rejected: the customer keeps both, the replacement is owed at its price (10.00), and no
            // unit it owes for can be cancelled any more (all delivered)
            oms.rejectReturn(id, r1, "outside the return window");
            cardDeclined.set(true);
            oms.retryAuthorization(id);
            fx.stock(EngineFixture.EAST, "SKU-D", 3);

            OrderSnapshot filled = oms.resume(id);
            filled = oms.fillBackorders(id);

            // the 15.00 still authorized and not captured pays for SKU-D: holding it protects no money
            assertThat(filled.line(LineId.of("O-1-L2")).orElseThrow().in(Bucket.ALLOCATED)).isEqualTo(1);
        }
    }
}
