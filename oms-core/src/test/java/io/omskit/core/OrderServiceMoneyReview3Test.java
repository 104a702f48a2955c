package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
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
 * Found by a third review of the money changes, each failing before (also before this session): a return closed with
 * store credit left the order unable to complete (A); a partly returned exchange closed with no compensation left the
 * replacement unpaid (B); a close with store credit could race a refund another server made (C).
 */
class OrderServiceMoneyReview3Test {
    private final EngineFixture fx = new EngineFixture();
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1"); // SKU-A, 10.00
    private final ReturnId r1 = ReturnId.of("R1");

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /**
     * A. SKU-A (10.00) delivered, SKU-C (15.00) backordered; SKU-A comes back and its return is closed with store
     * credit; SKU-C then ships and is delivered. The order used to stay CONFIRMED for good: the amount due left the
     * returned unit out (15.00) while the engine kept charging it (25.00 captured, nothing refunded). Units that came
     * back for store credit now stay paid for, and the order completes.
     */
    @Test
    void returnClosedWithStoreCredit_whileAnotherLineIsOpen_theOrderStillCompletes() {
        OrderService engine = fx.engine();
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        engine.place(order("O-1", "SKU-A", 1, "SKU-C", 1)); // 10.00 + 15.00
        engine.verify(id);
        engine.route(id); // F1: SKU-A; SKU-C backordered
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
        engine.requestReturn(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")));
        engine.approveReturn(id, r1);
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
        engine.closeReturn(id, r1, Resolution.STORE_CREDIT);
        fx.stock(EngineFixture.EAST, "SKU-C", 1);
        engine.fillBackorders(id); // F2: SKU-C
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F2"));

        engine.resume(id);
        OrderSnapshot end = engine.retryAuthorization(id);

        assertThat(end.paymentRequests()).isEmpty();
        assertThat(end.status()).isEqualTo(OrderStatus.COMPLETED); // fails: CONFIRMED (due 15.00, net 25.00)
    }

    /**
     * B: an exchange whose replacements were delivered while one returned unit of two came back, closed with NONE:
     * the replacement beyond the goods returned went unpaid and the order never completed. Now such a return closes
     * only as an exchange, which charges it.
     */
    @Test
    void partlyReturnedExchange_closedWithNone_isRefused_asAnExchangeIsCharged_andCompletes() {
        OrderService engine = fx.engine();
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        engine.place(order("O-1", "SKU-A", 2)); // 2 x 10.00
        engine.verify(id);
        engine.route(id);
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
        engine.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 2, "too big")),
                List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-B"), 2, usd(1_000), null)));
        engine.approveReturn(id, r1);
        engine.route(id); // F2: the replacements
        EngineFixture.deliverAll(engine, id, FulfillmentId.of("F2"));
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
        OrderSnapshot before = engine.get(id);
        for (Resolution other : new Resolution[] {Resolution.NONE, Resolution.STORE_CREDIT, Resolution.REFUND}) {
            assertThat(catchThrowable(() -> engine.closeReturn(id, r1, other)))
                    .isInstanceOfSatisfying(CommandRejectedException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION));
            assertThat(engine.get(id)).isEqualTo(before);
        }

        engine.closeReturn(id, r1, Resolution.EXCHANGE);
        OrderSnapshot end = engine.retryAuthorization(id);

        assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(3_000));
        assertThat(end.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    /**
     * C (race, pre-existing since 050c6d3). closeReturn checks "refunds made or pending" on the snapshot it loaded,
     * outside the decision. Engine B loads the order (no refund yet) for closeReturn(STORE_CREDIT); meanwhile
     * engine A's closeReturn(REFUND) writes the refund ahead and its answer is lost (A throws, refund pending). B
     * then saves CloseReturn(STORE_CREDIT) (the return is not closed yet) and its settle completes A's pending
     * refund: the customer gets 10.00 back in money and the store credit, which 050c6d3 meant to rule out.
     */
    @Test
    void closeReturn_racingARefund_neverClosesWithStoreCreditOnTopOfTheRefund() {
        OrderService a = fx.engine();
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        OrderService b = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.around(
                io.omskit.spi.port.OrderStore.class, (method, args, proceed) -> {
                    Object result = proceed.call();
                    if (method.equals("load") && raced.compareAndSet(false, true)) {
                        // B has its snapshot; A's refund is written ahead and its answer lost
                        fx.payments.failFirstAttempts(k -> k.contains(":refund:"), 1,
                                io.omskit.core.memory.SimulatedPaymentGateway.Failure.ERROR_AFTER_APPLYING);
                        catchThrowable(
                                () -> a.closeReturn(id, r1, Resolution.REFUND));
                    }
                    return result;
                }));
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        a.place(order("O-1", "SKU-A", 1, "SKU-C", 1));
        a.verify(id);
        a.route(id);
        EngineFixture.deliverAll(a, id, FulfillmentId.of("F1"));
        a.requestReturn(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")));
        a.approveReturn(id, r1);
        a.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));

        catchThrowable(() -> b.closeReturn(id, r1, Resolution.STORE_CREDIT));
        OrderSnapshot end = a.resume(id);

        assertThat(raced).isTrue();
        Resolution closedWith = end.orderReturn(r1).orElseThrow().resolution();
        assertThat(closedWith == Resolution.STORE_CREDIT
                && fx.payments.totals(EngineFixture.USD).refunded().minorUnits() > 0)
                .as("closed with STORE_CREDIT and refunded %s", fx.payments.totals(EngineFixture.USD).refunded())
                .isFalse();
    }
}
