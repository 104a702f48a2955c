package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderServiceExchangeFlowsReviewTest {
    private static final OrderId ID = OrderId.of("O-1");
    private static final LineId L1 = LineId.of("O-1-L1");
    private static final LineId L2 = LineId.of("O-1-L2");
    private static final LineId X1 = LineId.of("O-1-X1");
    private static final ReturnId R1 = ReturnId.of("R1");
    private final EngineFixture fx = new EngineFixture();

    private static long open(OrderSnapshot s) {
        return OrderViews.sum(s.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(s.payments(), TransactionType.VOID) - OrderViews.sum(s.payments(), TransactionType.CAPTURE);
    }

    private void assertSettled(OrderSnapshot end, long netPaid) {
        var t = fx.payments.totals(EngineFixture.USD);
        assertThat(end.status()).as("status").isEqualTo(OrderStatus.COMPLETED);
        assertThat(end.paymentRequests()).isEmpty();
        assertThat(t.captured().minorUnits() - t.refunded().minorUnits()).as("net paid").isEqualTo(netPaid);
        assertThat(open(end)).as("open auth").isZero();
        assertThat(OrderViews.captured(end)).isEqualTo(t.captured());
    }

    /**
     * An engine with the policy, SKU-A in stock (and SKU-C, the replacement, when {@code replacementInStock}), and
     * {@code order} placed, verified, routed and its first fulfillment delivered.
     */
    private OrderService delivered(CapturePolicy policy, PlaceOrder order, boolean replacementInStock) {
        OrderService oms = fx.engine(EngineConfig.defaults().withCapturePolicy(policy), EngineFixture.PortWrapper.NONE);
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        if (replacementInStock) {
            fx.stock(EngineFixture.EAST, "SKU-C", 5);
        }
        oms.place(order);
        oms.verify(ID);
        oms.route(ID);
        EngineFixture.deliverAll(oms, ID, FulfillmentId.of("F1"));
        return oms;
    }

    private OrderSnapshot exchange(OrderService oms, long price) {
        return oms.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                List.of(new LineSpec(X1, Sku.of("SKU-C"), 1, Money.ofMinor(price, "USD"), null)));
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void declareLost_ofADearerReplacement_thenClosedAsExchange_settles(CapturePolicy policy) {
        OrderService oms = delivered(policy, EngineFixture.order("O-1", "SKU-A", 1), true);
        exchange(oms, 1_500);
        oms.approveReturn(ID, R1);
        oms.route(ID);
        FulfillmentId f2 = FulfillmentId.of("F2");
        oms.release(ID, f2);
        oms.pick(ID, f2, List.of());
        oms.pack(ID, f2);
        oms.ship(ID, f2);
        oms.failDelivery(ID, f2, "nobody home");
        oms.declareLost(ID, f2, "lost");
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        OrderSnapshot end = oms.closeReturn(ID, R1, Resolution.EXCHANGE);
        assertSettled(oms.resume(ID), 1_500);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void fillBackorders_ofADearerReplacement_settles(CapturePolicy policy) {
        OrderService oms = delivered(policy, EngineFixture.order("O-1", "SKU-A", 1), false);
        exchange(oms, 1_500);
        oms.approveReturn(ID, R1);
        oms.route(ID); // nothing in stock: backordered
        fx.stock(EngineFixture.EAST, "SKU-C", 5);
        OrderSnapshot filled = oms.fillBackorders(ID);
        FulfillmentId f = filled.fulfillments().get(filled.fulfillments().size() - 1).id();
        EngineFixture.deliverAll(oms, ID, f);
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        oms.closeReturn(ID, R1, Resolution.EXCHANGE);
        assertSettled(oms.resume(ID), 1_500);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void cancelLine_ofAnOriginalLine_whileADearerExchangeIsOpen_settles(CapturePolicy policy) {
        // L2: SKU-B at 15.00, none in stock
        OrderService oms = delivered(policy, EngineFixture.order("O-1", "SKU-A", 1, "SKU-B", 1), true);
        exchange(oms, 1_500);
        oms.cancelLine(ID, L2, 1, Initiator.CUSTOMER, "too long");
        oms.approveReturn(ID, R1);
        oms.route(ID);
        OrderSnapshot s = oms.get(ID);
        FulfillmentId f = s.fulfillments().get(s.fulfillments().size() - 1).id();
        EngineFixture.deliverAll(oms, ID, f);
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        oms.closeReturn(ID, R1, Resolution.EXCHANGE);
        assertSettled(oms.resume(ID), 1_500);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void cancelLine_ofAnOriginalLine_whileACheaperExchangeIsOpen_settles(CapturePolicy policy) {
        OrderService oms = delivered(policy, EngineFixture.order("O-1", "SKU-A", 1, "SKU-B", 1), true);
        exchange(oms, 700);
        oms.approveReturn(ID, R1);
        oms.route(ID);
        OrderSnapshot s = oms.get(ID);
        FulfillmentId f = s.fulfillments().get(s.fulfillments().size() - 1).id();
        EngineFixture.deliverAll(oms, ID, f);
        oms.cancelLine(ID, L2, 1, Initiator.CUSTOMER, "too long");
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)), oms.get(ID).version());
        oms.closeReturn(ID, R1, Resolution.EXCHANGE);
        assertSettled(oms.resume(ID), 700);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void closeReturn_withNone_afterTheDearerReplacementWasCancelled_completesSettled(CapturePolicy policy) {
        closeAfterCancelledReplacement(policy, 1_500, Resolution.NONE);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void closeReturn_withStoreCredit_afterTheDearerReplacementWasCancelled_completesSettled(CapturePolicy policy) {
        closeAfterCancelledReplacement(policy, 1_500, Resolution.STORE_CREDIT);
    }

    @ParameterizedTest
    @EnumSource(CapturePolicy.class)
    void closeReturn_withNone_afterTheCheaperReplacementWasCancelled_completesSettled(CapturePolicy policy) {
        closeAfterCancelledReplacement(policy, 700, Resolution.NONE);
    }

    private void closeAfterCancelledReplacement(CapturePolicy policy, long price, Resolution resolution) {
        OrderService oms = delivered(policy, EngineFixture.order("O-1", "SKU-A", 1), false);
        exchange(oms, price);
        oms.cancelLine(ID, X1, 1, Initiator.CUSTOMER, "none left");
        oms.approveReturn(ID, R1);
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        oms.closeReturn(ID, R1, resolution);
        // the customer gave the unit back for nothing (NONE) or for credit outside the payment ledger
        assertSettled(oms.resume(ID), 1_000);
    }
}
