package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.core.memory.SimulatedPaymentGateway;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by a second review of {@code retryAuthorization} and the capture rules: each test failed before its fix
 * (captures and voids sent to an exhausted second authorization while the first had room; a refund made for a
 * return not closed yet counted as if its return were refunded, so that more was authorized or captured).
 */
class OrderServiceMoneyReview2Test {
    private final EngineFixture fx = new EngineFixture();
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1"); // SKU-A, 10.00
    private final ReturnId r1 = ReturnId.of("R1");

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /**
     * Finding 1. Capture at shipment; an order of SKU-A (10.00) and SKU-C (15.00, backordered), authorized 25.00.
     * SKU-A ships (10.00 captured on auth 1, 15.00 left on it); it is exchanged for SKU-B, which ships; the return
     * is rejected, so the replacement is charged: retryAuthorization authorizes the 10.00 shortfall (auth 2) and
     * captures 10.00 on it. When SKU-C ships, its 15.00 capture is sent against the LAST authorization (auth 2,
     * exhausted) and declined, although auth 1 still holds 15.00: the order never completes.
     */
    @Test
    void afterRetryAuthorization_aLaterShipment_isCapturedOnTheFirstAuthorizationsRoom_andCompletes() {
        OrderService engine = fx.engine();
        replacementKeptAfterItsReturnWasRejected(engine);
        OrderSnapshot retried = engine.retryAuthorization(id);
        assertThat(OrderViews.captured(retried)).isEqualTo(usd(2_000));

        fx.stock(EngineFixture.EAST, "SKU-C", 1);
        engine.fillBackorders(id); // F3: SKU-C
        OrderSnapshot done = EngineFixture.deliverAll(engine, id, FulfillmentId.of("F3"));

        assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(3_500));
        assertThat(OrderViews.captured(done)).isEqualTo(usd(3_500));
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    /**
     * Finding 2 (capture at shipment). A refund of a return is made but the return is not closed (the provider's
     * answer was lost, closeReturn failed). retryAuthorization completes the refund, then counts it in the
     * shortfall (chargeable still includes the returned unit, refunded now 10.00 too) and asks the customer for
     * 10.00 more, which nothing owes.
     */
    @Test
    void retryAuthorization_afterARefundOfAnOpenReturn_asksForNothing_atShipment() {
        OrderService engine = fx.engine();
        refundMadeReturnStillOpen(engine);

        engine.retryAuthorization(id);

        assertThat(fx.payments.totals(EngineFixture.USD).authorized()).isEqualTo(usd(2_500));
    }

    /** Finding 2 (capture at confirmation): the same, and the extra 10.00 is captured at once. */
    @Test
    void retryAuthorization_afterARefundOfAnOpenReturn_chargesNothing_atConfirmation() {
        OrderService engine = fx.engine(EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION),
                EngineFixture.PortWrapper.NONE);
        refundMadeReturnStillOpen(engine);

        engine.retryAuthorization(id);

        assertThat(fx.payments.totals(EngineFixture.USD).authorized()).isEqualTo(usd(2_500));
        assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(2_500));
    }

    /** SKU-A (10.00) delivered and returned, SKU-C (15.00) backordered: the order stays CONFIRMED. */
    private void refundMadeReturnStillOpen(OrderService engine) {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        engine.place(order("O-1", "SKU-A", 1, "SKU-C", 1));
        engine.verify(id);
        engine.route(id);
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
        returnReceivedRefundAnswerLost(engine);
        assertThat(engine.get(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(fx.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(1_000));
    }

    /**
     * Finding 1, at completion: the same order, SKU-C cancelled instead of shipped. The order completes with 35.00
     * authorized (25.00 + 10.00) and 20.00 captured; settle voids the 15.00 left, but against the LAST
     * authorization, which has nothing left (the simulator declines "nothing_to_void"): auth 1's 15.00 stays held.
     */
    @Test
    void afterRetryAuthorization_completion_voidsWhatTheFirstAuthorizationHasLeft() {
        OrderService engine = fx.engine();
        replacementKeptAfterItsReturnWasRejected(engine);
        engine.retryAuthorization(id);

        OrderSnapshot done = engine.cancelLine(id, LineId.of("O-1-L2"), 1,
                io.omskit.spi.model.Initiator.MERCHANT, "discontinued");

        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(fx.payments.totals(EngineFixture.USD).voided()).isEqualTo(usd(1_500));
    }

    /**
     * Finding 3: AT_CONFIRMATION regression without retryAuthorization. The order (SKU-A 10.00, SKU-C 15.00,
     * SKU-D 20.00 backordered) is authorized 45.00 while on hold; SKU-C is cancelled before the hold is released,
     * so confirmation captures 30.00 and 15.00 of the authorization stays open. SKU-A is returned; its 10.00 refund
     * is made but closeReturn fails (lost answer). resume completes the refund and then captures 10.00 again
     * (chargeable 30.00 + refunded 10.00 - captured 30.00), which the old "once" rule never did.
     */
    @Test
    void resume_atConfirmation_afterARefundOfAnOpenReturn_capturesNothingMore() {
        OrderService engine = fx.engine(EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION),
                EngineFixture.PortWrapper.NONE);
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        engine.place(order("O-1", "SKU-A", 1, "SKU-C", 1, "SKU-D", 1)); // 10.00 + 15.00 + 20.00
        engine.placeHold(id, io.omskit.spi.model.HoldId.of("H1"), io.omskit.spi.model.HoldType.MANUAL, "check",
                "agent");
        engine.verify(id);
        engine.cancelLine(id, LineId.of("O-1-L2"), 1, io.omskit.spi.model.Initiator.CUSTOMER, "changed mind");
        OrderSnapshot confirmed = engine.releaseHold(id, io.omskit.spi.model.HoldId.of("H1"), "agent");
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(OrderViews.captured(confirmed)).isEqualTo(usd(3_000));
        engine.route(id);
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
        returnReceivedRefundAnswerLost(engine);

        engine.resume(id);

        assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(3_000));
    }

    /**
     * SKU-A (10.00) and SKU-C (15.00, backordered) authorized; SKU-A delivered and exchanged for SKU-B, whose
     * replacement ships and is delivered before the exchange's return is rejected: the customer keeps both.
     */
    private void replacementKeptAfterItsReturnWasRejected(OrderService engine) {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        engine.place(order("O-1", "SKU-A", 1, "SKU-C", 1)); // 10.00 + 15.00
        engine.verify(id);
        engine.route(id); // F1: SKU-A; SKU-C backordered
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
        engine.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")),
                List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-B"), 1, usd(1_000), null)));
        engine.route(id); // F2: the replacement
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F2"));
        engine.rejectReturn(id, r1, "outside the return window");
    }

    /** A return of one unit of line 1, received; its refund is made but the answer is lost (closeReturn throws). */
    private void returnReceivedRefundAnswerLost(OrderService engine) {
        engine.requestReturn(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")));
        engine.approveReturn(id, r1);
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
        fx.payments.failFirstAttempts(k -> k.contains(":refund:"), 1,
                SimulatedPaymentGateway.Failure.ERROR_AFTER_APPLYING);
        assertThat(catchThrowable(() -> engine.closeReturn(id, r1, Resolution.REFUND))).isNotNull();
    }
}
