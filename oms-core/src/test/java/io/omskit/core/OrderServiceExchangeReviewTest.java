package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Found by the review of exchanges at any price (each failed before its fix): one unit of SKU-A at 10.00, delivered
 * and paid, exchanged for one unit of SKU-B at 15.00 (an upgrade); and a plain return closed as an exchange.
 */
class OrderServiceExchangeReviewTest {
    private static final OrderId ID = OrderId.of("O-1");
    private static final LineId L1 = LineId.of("O-1-L1");
    private static final LineId X1 = LineId.of("O-1-X1");
    private static final ReturnId R1 = ReturnId.of("R1");

    private final EngineFixture fx = new EngineFixture();

    private OrderService delivered(CapturePolicy policy) {
        OrderService engine = fx.engine(EngineConfig.defaults().withCapturePolicy(policy), EngineFixture.PortWrapper.NONE);
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        engine.place(EngineFixture.order("O-1", "SKU-A", 1));
        engine.verify(ID);
        engine.route(ID);
        assertThat(EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F1")).status()).isEqualTo(OrderStatus.COMPLETED);
        return engine;
    }

    private static OrderSnapshot upgrade(OrderService engine) {
        return engine.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "other colour")),
                List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)));
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /**
     * A return that is no exchange, closed as one: the decider counted its units as given back while no refund was
     * made, and the order completed with credit owed. Refused now; nothing changes.
     */
    @Test
    void closeReturn_asAnExchange_ofAReturnThatIsNone_isIllegal_andChangesNothing() {
        OrderService engine = delivered(CapturePolicy.AT_SHIPMENT);
        engine.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "too small")));
        engine.approveReturn(ID, R1);
        engine.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        OrderSnapshot received = engine.get(ID);

        Throwable refused = catchThrowable(() -> engine.closeReturn(ID, R1, io.omskit.spi.model.Resolution.EXCHANGE));

        assertThat(refused).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.code()).isEqualTo(io.omskit.spi.OmsErrorCode.ILLEGAL_TRANSITION));
        assertThat(engine.get(ID)).isEqualTo(received);
        OrderSnapshot refunded = engine.closeReturn(ID, R1, io.omskit.spi.model.Resolution.REFUND);
        assertThat(OrderViews.refunded(refunded)).isEqualTo(usd(1_000));
        assertThat(refunded.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(OrderViews.balance(refunded)).isEqualTo(io.omskit.spi.model.Balance.SETTLED);
    }

    @Nested
    class Repeats {
        @Test
        void rejectReturn_repeatedAfterItsRefundFailed_finishesTheRefund() {
            OrderService engine = delivered(CapturePolicy.AT_CONFIRMATION);
            assertThat(OrderViews.captured(upgrade(engine))).isEqualTo(usd(1_500)); // the difference, at once
            fx.payments.failFirstAttempts(k -> k.contains(":refund:"), 1,
                    SimulatedPaymentGateway.Failure.ERROR_BEFORE_APPLYING);
            // the rejection cancels the replacement (not routed yet): the 5.00 captured ahead is owed back
            assertThat(catchThrowable(() -> engine.rejectReturn(ID, R1, "never sent")))
                    .isInstanceOf(ProviderException.class);

            // the host repeats the call that failed, as it does for cancel, deliver or closeReturn
            assertThatCode(() -> engine.rejectReturn(ID, R1, "never sent")).doesNotThrowAnyException();

            OrderSnapshot after = engine.get(ID);
            assertThat(after.paymentRequests()).isEmpty();
            assertThat(OrderViews.refunded(after)).isEqualTo(usd(500));
            assertThat(after.status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        void exchange_repeatedAfterTheDifferenceAuthorizationFailed_capturesTheDifferenceAtOnce_underCaptureAtConfirmation() {
            OrderService engine = delivered(CapturePolicy.AT_CONFIRMATION);
            fx.payments.failFirstAttempts(k -> k.contains(":auth:"), 1,
                    SimulatedPaymentGateway.Failure.ERROR_BEFORE_APPLYING);
            assertThat(catchThrowable(() -> upgrade(engine))).isInstanceOf(ProviderException.class);

            OrderSnapshot repeated = upgrade(engine); // the host repeats the call that failed

            assertThat(repeated.paymentRequests()).isEmpty();
            assertThat(OrderViews.authorized(repeated)).isEqualTo(usd(1_500));
            // "captured ... at once (AT_CONFIRMATION)", as when the first call went through
            assertThat(OrderViews.captured(repeated)).isEqualTo(usd(1_500));
        }
    }
}
