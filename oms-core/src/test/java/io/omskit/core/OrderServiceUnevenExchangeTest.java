package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Balance;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exchanges whose replacement is worth more (an upgrade: the customer pays the difference from the exchange on) or
 * less (a downgrade: the difference is refunded on the goods that came back, when the return closes) than the units
 * asked back. One unit of SKU-A at 10.00, delivered and paid, is exchanged for one of SKU-B.
 */
class OrderServiceUnevenExchangeTest {
    private static final OrderId ID = OrderId.of("O-1");
    private static final LineId L1 = LineId.of("O-1-L1");
    private static final LineId X1 = LineId.of("O-1-X1");
    private static final ReturnId R1 = ReturnId.of("R1");

    private final EngineFixture fx = new EngineFixture();
    private final Set<OrderId> declining = ConcurrentHashMap.newKeySet();

    private OrderService engine(CapturePolicy policy) {
        fx.payments.declineWhen((order, amount) -> declining.contains(order), "card_declined");
        return fx.engine(EngineConfig.defaults().withCapturePolicy(policy), EngineFixture.PortWrapper.NONE);
    }

    /** Places, pays and delivers one unit of SKU-A at 10.00 (the order completes), with SKU-B in stock. */
    private static OrderSnapshot delivered(EngineFixture fx, OrderService engine) {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        engine.place(EngineFixture.order("O-1", "SKU-A", 1));
        engine.verify(ID);
        engine.route(ID);
        OrderSnapshot done = EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F1"));
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(OrderViews.captured(done)).isEqualTo(usd(1_000));
        return done;
    }

    private static OrderSnapshot exchangeFor(OrderService engine, long replacementPrice) {
        return engine.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "wrong colour")),
                List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(replacementPrice, "USD"), null)));
    }

    /** An engine with the policy, the order {@link #delivered}, its unit exchanged for one at {@code price}. */
    private OrderService exchanged(CapturePolicy policy, long price) {
        OrderService engine = engine(policy);
        delivered(fx, engine);
        exchangeFor(engine, price);
        return engine;
    }

    /** Approves, receives the returned unit, ships and delivers the replacement, closes the return as an exchange. */
    private static OrderSnapshot finish(OrderService engine) {
        engine.approveReturn(ID, R1);
        engine.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        engine.route(ID);
        EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F2"));
        return engine.closeReturn(ID, R1, Resolution.EXCHANGE);
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /** Authorized less voided and captured: what can still be captured. */
    private static long openAuthorized(OrderSnapshot s) {
        return OrderViews.sum(s.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(s.payments(), TransactionType.VOID) - OrderViews.sum(s.payments(), TransactionType.CAPTURE);
    }

    @Nested
    class Upgrade {
        @Test
        void exchange_forADearerReplacement_authorizesTheDifference_capturesItWhenItShips_andCompletesSettled() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT);
            delivered(fx, engine);

            OrderSnapshot exchanged = exchangeFor(engine, 1_500);

            assertThat(exchanged.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(OrderService.chargeable(exchanged)).isEqualTo(1_500);
            assertThat(OrderViews.sum(exchanged.payments(), TransactionType.AUTHORIZATION)).isEqualTo(1_500);
            assertThat(OrderViews.captured(exchanged)).isEqualTo(usd(1_000)); // nothing captured before it ships

            engine.approveReturn(ID, R1);
            engine.route(ID);
            engine.release(ID, FulfillmentId.of("F2"));
            engine.pick(ID, FulfillmentId.of("F2"), List.of());
            engine.pack(ID, FulfillmentId.of("F2"));
            OrderSnapshot sent = engine.ship(ID, FulfillmentId.of("F2"));
            assertThat(OrderViews.captured(sent)).isEqualTo(usd(1_500)); // the difference, with the replacement

            engine.deliver(ID, FulfillmentId.of("F2"), false);
            engine.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            OrderSnapshot closed = engine.closeReturn(ID, R1, Resolution.EXCHANGE);

            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.balance(closed)).isEqualTo(Balance.SETTLED);
            assertThat(OrderViews.captured(closed)).isEqualTo(usd(1_500));
            assertThat(OrderViews.refunded(closed)).isEqualTo(usd(0));
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(1_500));
            assertThat(engine.resume(ID)).isEqualTo(engine.get(ID));
        }

        @Test
        void exchange_forADearerReplacement_capturesTheDifferenceAtOnce_underCaptureAtConfirmation() {
            OrderService engine = engine(CapturePolicy.AT_CONFIRMATION);
            delivered(fx, engine);

            OrderSnapshot exchanged = exchangeFor(engine, 1_250);

            assertThat(OrderViews.captured(exchanged)).isEqualTo(usd(1_250));
            OrderSnapshot closed = finish(engine);
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.balance(closed)).isEqualTo(Balance.SETTLED);
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(1_250));
            assertThat(OrderViews.refunded(closed)).isEqualTo(usd(0));
        }

        @Test
        void exchange_whoseDifferenceIsDeclined_stands_andRetryAuthorizationCollectsIt_afterTheCardChanged() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT);
            delivered(fx, engine);
            declining.add(ID);

            OrderSnapshot exchanged = exchangeFor(engine, 1_500);

            assertThat(exchanged.orderReturn(R1)).isPresent();
            assertThat(exchanged.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(openAuthorized(exchanged)).isZero(); // the first authorization was captured and closed
            assertThat(exchanged.payments()).anyMatch(t -> t.type() == TransactionType.AUTHORIZATION && !t.succeeded());
            // a repeat of the call asks again (still declined) and adds no second return
            OrderSnapshot repeated = exchangeFor(engine, 1_500);
            assertThat(repeated.returns()).hasSize(1);
            assertThat(fx.payments.totals(EngineFixture.USD).authorized()).isEqualTo(usd(1_000));

            declining.remove(ID);
            OrderSnapshot retried = engine.retryAuthorization(ID);

            assertThat(openAuthorized(retried)).isEqualTo(500);
            OrderSnapshot closed = finish(engine);
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.captured(closed)).isEqualTo(usd(1_500));
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(1_500));
        }

        @Test
        void cancelLine_ofAnUpgradeWhoseDifferenceWasCaptured_refundsTheDifference() {
            OrderService engine = exchanged(CapturePolicy.AT_CONFIRMATION, 1_500);
            engine.approveReturn(ID, R1);

            OrderSnapshot cancelled = engine.cancelLine(ID, X1, 1, Initiator.MERCHANT, "discontinued");

            assertThat(OrderViews.refunded(cancelled)).isEqualTo(usd(500));
            // the return now refunds the goods when they come back
            engine.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            OrderSnapshot closed = engine.closeReturn(ID, R1, Resolution.REFUND);
            assertThat(OrderViews.refunded(closed)).isEqualTo(usd(1_500));
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(fx.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(1_500));
        }

        @Test
        void rejectReturn_afterTheUpgradeShipped_chargesTheReplacementAtItsPrice() {
            OrderService engine = exchanged(CapturePolicy.AT_SHIPMENT, 1_500);
            engine.route(ID);
            EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F2")); // cross-shipped ahead of the approval

            OrderSnapshot rejected = engine.rejectReturn(ID, R1, "never sent");
            assertThat(OrderService.chargeable(rejected)).isEqualTo(2_500);
            OrderSnapshot retried = engine.retryAuthorization(ID); // the customer keeps both: 10.00 more

            assertThat(retried.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.captured(retried)).isEqualTo(usd(2_500));
            assertThat(OrderViews.balance(retried)).isEqualTo(Balance.SETTLED);
        }
    }

    @Nested
    class Downgrade {
        @Test
        void exchange_forACheaperReplacement_asksForNothing_andRefundsTheDifferenceWhenTheReturnCloses() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT);
            OrderSnapshot before = delivered(fx, engine);

            OrderSnapshot exchanged = exchangeFor(engine, 600);

            assertThat(exchanged.payments()).isEqualTo(before.payments());
            engine.approveReturn(ID, R1);
            engine.route(ID);
            OrderSnapshot replaced = EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F2"));
            assertThat(OrderViews.refunded(replaced)).isEqualTo(usd(0)); // nothing back before the goods are

            engine.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            OrderSnapshot closed = engine.closeReturn(ID, R1, Resolution.EXCHANGE);

            assertThat(OrderViews.refunded(closed)).isEqualTo(usd(400));
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrderViews.balance(closed)).isEqualTo(Balance.SETTLED);
            assertThat(fx.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(400));
            assertThat(OrderViews.refunded(engine.resume(ID))).isEqualTo(usd(400));
        }

        @Test
        void rejectReturn_ofADowngradeAfterTheReplacementShipped_chargesTheReplacementKept() {
            OrderService engine = exchanged(CapturePolicy.AT_SHIPMENT, 600);
            engine.route(ID);
            EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F2"));

            OrderSnapshot rejected = engine.rejectReturn(ID, R1, "never sent");

            // the customer keeps the original (10.00, paid) and the replacement (6.00): 6.00 owed, beyond the
            // authorization, which the host asks for
            assertThat(OrderService.chargeable(rejected)).isEqualTo(1_600);
            assertThat(OrderViews.refunded(rejected)).isEqualTo(usd(0));
            OrderSnapshot retried = engine.retryAuthorization(ID);
            assertThat(OrderViews.captured(retried)).isEqualTo(usd(1_600));
            assertThat(retried.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }
}
