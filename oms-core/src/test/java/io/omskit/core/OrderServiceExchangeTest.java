package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exchange's returned units pay for the replacement (found by OrderServiceProperties); price differences: see
 * {@link OrderServiceUnevenExchangeTest}.
 */
class OrderServiceExchangeTest {
    private final EngineFixture fx = new EngineFixture();
    private final OrderService engine = fx.engine();
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1");
    private final ReturnId r1 = ReturnId.of("R1");

    private static final LineId X1 = LineId.of("O-1-X1");

    /**
     * An order of 2 x 10.00 paid (captured at delivery) whose two units are exchanged for two of SKU-B at 10.00
     * (line {@link #X1}); the return approved, nothing received yet, no SKU-B in stock.
     */
    private void exchangeTwoForTwo() {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        engine.place(EngineFixture.order("O-1", "SKU-A", 2));
        engine.verify(id);
        engine.route(id);
        drive(FulfillmentId.of("F1"));
        engine.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 2, "too big")),
                List.of(new LineSpec(X1, Sku.of("SKU-B"), 2, Money.ofMinor(1_000, "USD"), null)));
        engine.approveReturn(id, r1);
    }

    private void drive(FulfillmentId f) {
        EngineFixture.deliverAll(engine, id, f);
    }

    @Test
    void closeReturn_ofAnExchangeWithARefund_isIllegal_andRefundsNothing_whileExchangeCloses() {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        engine.place(EngineFixture.order("O-1", "SKU-A", 1));
        engine.verify(id);
        engine.route(id);
        drive(FulfillmentId.of("F1"));
        engine.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")),
                List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-A"), 1, Money.ofMinor(1_000, "USD"), null)));
        engine.approveReturn(id, r1);
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
        engine.route(id);
        drive(FulfillmentId.of("F2"));
        OrderSnapshot before = engine.get(id);

        Throwable refused = catchThrowable(() -> engine.closeReturn(id, r1, Resolution.REFUND));
        assertThat(refused).isInstanceOfSatisfying(OmsException.class,
                e -> assertThat(e.code()).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION));
        assertThat(engine.get(id)).isEqualTo(before);
        assertThat(OrderViews.refunded(engine.resume(id))).isEqualTo(Money.ofMinor(0, "USD"));

        OrderSnapshot closed = engine.closeReturn(id, r1, Resolution.EXCHANGE);
        assertThat(closed.orderReturn(r1).orElseThrow().status()).isEqualTo(ReturnStatus.CLOSED);
        assertThat(OrderViews.refunded(closed)).isEqualTo(Money.ofMinor(0, "USD"));
    }

    /**
     * Two units exchanged for two, one replacement then cancelled (none in stock): the customer returned goods worth
     * 20.00 and receives 10.00 of them back in kind, so 10.00 is owed. It used to be owed for good: nothing refunded
     * it and the order never completed.
     */
    @Test
    void closeReturn_asExchange_withAReplacementUnitCancelled_refundsItsValue_andCompletes() {
        exchangeTwoForTwo();
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 2)));
        fx.stock(EngineFixture.EAST, "SKU-B", 1);
        engine.route(id); // one replacement unit allocated, one backordered
        engine.cancelLine(id, X1, 1, io.omskit.spi.model.Initiator.MERCHANT, "discontinued");
        drive(FulfillmentId.of("F2"));

        OrderSnapshot closed = engine.closeReturn(id, r1, Resolution.EXCHANGE);

        assertThat(OrderViews.refunded(closed)).isEqualTo(Money.ofMinor(1_000, "USD"));
        assertThat(fx.payments.totals(EngineFixture.USD).refunded()).isEqualTo(Money.ofMinor(1_000, "USD"));
        assertThat(closed.status()).isEqualTo(io.omskit.spi.model.OrderStatus.COMPLETED);
        assertThat(OrderViews.refunded(engine.resume(id))).isEqualTo(Money.ofMinor(1_000, "USD"));
    }

    /** A replacement unit cancelled before any returned unit arrived: nothing is owed until the goods come back. */
    @Test
    void cancelLine_ofAReplacementUnit_beforeTheReturnArrives_refundsNothing() {
        exchangeTwoForTwo();

        engine.cancelLine(id, X1, 1, io.omskit.spi.model.Initiator.MERCHANT, "discontinued");
        OrderSnapshot resumed = engine.resume(id);

        assertThat(OrderViews.refunded(resumed)).isEqualTo(Money.ofMinor(0, "USD"));
    }

    /** Closed with store credit, the host credits the customer: nothing is refunded in money on top. */
    @Test
    void closeReturn_withStoreCredit_whenEveryReplacementUnitIsCancelled_refundsNothing() {
        exchangeTwoForTwo();
        engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 2)));
        engine.cancelLine(id, X1, 2, io.omskit.spi.model.Initiator.MERCHANT, "discontinued");

        OrderSnapshot closed = engine.closeReturn(id, r1, Resolution.STORE_CREDIT);

        assertThat(OrderViews.refunded(engine.resume(id))).isEqualTo(Money.ofMinor(0, "USD"));
        assertThat(closed.orderReturn(r1).orElseThrow().status()).isEqualTo(ReturnStatus.CLOSED);
    }
}
