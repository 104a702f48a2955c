package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Balance;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Paying for an order the host confirmed itself, when its first authorization is declined. */
class OrderServicePaymentRetryTest {

    private final EngineFixture fx = new EngineFixture();
    private final OrderService engine = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
    private final OrderId id = OrderId.of("O-1");
    private final AtomicBoolean cardDeclined = new AtomicBoolean(true);

    OrderServicePaymentRetryTest() {
        fx.payments.declineWhen((order, amount) -> cardDeclined.get(), "card_declined");
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
    }

    private final LineId l1 = LineId.of("O-1-L1");
    private final ReturnId r1 = ReturnId.of("R1");

    /**
     * An order of {@code units} x 10.00 of SKU-A, authorized (the card works) and delivered, whose units are all
     * exchanged for as many of SKU-B at 10.00 (in stock); the return is requested, nothing else.
     */
    private void deliveredThenExchanged(OrderService oms, int units) {
        cardDeclined.set(false);
        fx.stock(EngineFixture.EAST, "SKU-B", 5);
        oms.place(order("O-1", "SKU-A", units));
        oms.verify(id);
        oms.route(id);
        EngineFixture.deliverAll(oms, id, FulfillmentId.of("F1"));
        oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, units, "too big")),
                List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-B"), units, Money.ofMinor(1_000, "USD"), null)));
    }

    private static long authorizations(OrderSnapshot o, boolean succeeded) {
        return o.payments().stream()
                .filter(t -> t.type() == TransactionType.AUTHORIZATION && t.succeeded() == succeeded).count();
    }

    @Nested
    @DisplayName("an order the host confirmed")
    class HostConfirmed {

        @BeforeEach
        void declinedOnce() {
            engine.place(order("O-1", "SKU-A", 1));
            engine.confirm(id, "agent");
            OrderSnapshot declined = engine.verify(id);
            assertThat(declined.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(authorizations(declined, false)).isEqualTo(1);
        }

        @Test
        @DisplayName("retryAuthorization after the card was changed authorizes the amount due")
        void retryAuthorization_afterCardChanged_authorizes() {
            cardDeclined.set(false);

            OrderSnapshot paid = engine.retryAuthorization(id);

            assertThat(authorizations(paid, true)).isEqualTo(1);
            assertThat(fx.payments.totals(EngineFixture.USD).authorized()).isEqualTo(Money.ofMinor(1_000, "USD"));
            assertThat(engine.get(id)).isEqualTo(paid);
        }

        @Test
        @DisplayName("retryAuthorization repeated after it succeeded changes nothing")
        void retryAuthorization_repeatedAfterSuccess_changesNothing() {
            cardDeclined.set(false);
            OrderSnapshot paid = engine.retryAuthorization(id);

            OrderSnapshot again = engine.retryAuthorization(id);

            assertThat(again).isEqualTo(paid);
            assertThat(fx.payments.totals(EngineFixture.USD).authorized()).isEqualTo(Money.ofMinor(1_000, "USD"));
        }

        @Test
        @DisplayName("retryAuthorization while the card is still declined records one more attempt and stays confirmed")
        void retryAuthorization_whileDeclined_recordsOneMoreAttempt() {
            OrderSnapshot again = engine.retryAuthorization(id);

            assertThat(again.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(authorizations(again, false)).isEqualTo(2);
            assertThat(authorizations(again, true)).isZero();
        }

        @Test
        @DisplayName("verify and resume do not ask again by themselves")
        void verifyAndResume_afterDecline_doNotAuthorizeAgain() {
            cardDeclined.set(false);

            engine.verify(id);
            OrderSnapshot resumed = engine.resume(id);

            assertThat(authorizations(resumed, true)).isZero();
            assertThat(authorizations(resumed, false)).isEqualTo(1);
        }

        @Test
        @DisplayName("an order shipped while unpaid is captured once retryAuthorization authorizes it, and completes")
        void retryAuthorization_afterDelivery_capturesWhatShippedAndCompletes() {
            engine.route(id);
            EngineFixture.deliverAll(engine, id, FulfillmentId.of("F1"));
            assertThat(OrderViews.captured(engine.get(id)).minorUnits()).isZero();
            cardDeclined.set(false);

            OrderSnapshot paid = engine.retryAuthorization(id); // the default policy captures at shipment

            assertThat(OrderViews.captured(paid)).isEqualTo(Money.ofMinor(1_000, "USD"));
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(Money.ofMinor(1_000, "USD"));
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    @DisplayName("an order verified by omskit")
    class Verified {

        @Test
        @DisplayName("a declined authorization rejects the order for good: retryAuthorization does not ask again")
        void retryAuthorization_afterDeclineRejectedTheOrder_doesNotAuthorizeAgain() {
            engine.place(order("O-1", "SKU-A", 1));
            OrderSnapshot rejected = engine.verify(id);
            assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
            cardDeclined.set(false);

            OrderSnapshot again = engine.retryAuthorization(id);

            assertThat(again.payments()).extracting(PaymentTransaction::succeeded).containsExactly(false);
            assertThat(again.status()).isEqualTo(OrderStatus.REJECTED);
        }
    }

    /**
     * An exchange whose replacement shipped before its return was rejected (the customer keeps both): the customer
     * owes the replacement, which the first authorization no longer covers. Before, the engine charged nothing more
     * and the order stayed confirmed with a balance due that nothing could collect.
     */
    @Nested
    @DisplayName("an exchange whose return is rejected after the replacement shipped")
    class RejectedExchange {

        private OrderSnapshot replacementShippedThenReturnRejected(OrderService oms) {
            deliveredThenExchanged(oms, 1);
            oms.route(id);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2")); // the replacement, ahead of the return
            return oms.rejectReturn(id, r1, "outside the return window");
        }

        @Test
        @DisplayName("capture at shipment: retryAuthorization authorizes the replacement's price, captures it, completes")
        void retryAuthorization_atShipment_chargesTheKeptReplacementAndCompletes() {
            OrderSnapshot rejected = replacementShippedThenReturnRejected(engine);
            assertThat(OrderViews.balance(rejected)).isEqualTo(Balance.BALANCE_DUE);

            OrderSnapshot paid = engine.retryAuthorization(id);

            assertThat(OrderViews.captured(paid)).isEqualTo(Money.ofMinor(2_000, "USD"));
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(Money.ofMinor(2_000, "USD"));
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(engine.retryAuthorization(id)).isEqualTo(paid);
        }

        @Test
        @DisplayName("capture at confirmation: the same")
        void retryAuthorization_atConfirmation_chargesTheKeptReplacementAndCompletes() {
            OrderService atConfirmation = fx.engine(
                    EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION),
                    EngineFixture.PortWrapper.NONE);
            replacementShippedThenReturnRejected(atConfirmation);

            OrderSnapshot paid = atConfirmation.retryAuthorization(id);

            assertThat(OrderViews.captured(paid)).isEqualTo(Money.ofMinor(2_000, "USD"));
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        @DisplayName("resume does not charge by itself")
        void resume_afterTheReturnWasRejected_authorizesNothingMore() {
            replacementShippedThenReturnRejected(engine);

            OrderSnapshot resumed = engine.resume(id);

            assertThat(authorizations(resumed, true)).isEqualTo(1);
            assertThat(OrderViews.captured(resumed)).isEqualTo(Money.ofMinor(1_000, "USD"));
        }
    }

    /**
     * An exchange of two units for two, both replacements delivered ahead of the return, of which one unit comes
     * back; the return is closed as an exchange. The customer holds one original and two replacements (30.00) and
     * paid 20.00. Before, the replacement beyond the goods returned was free and the order never completed.
     */
    @Nested
    @DisplayName("an exchange closed as one after part of its return came back")
    class PartlyReturnedExchange {

        private OrderSnapshot closedAfterOneOfTwoCameBack(OrderService oms) {
            deliveredThenExchanged(oms, 2);
            oms.approveReturn(id, r1);
            oms.route(id);
            EngineFixture.deliverAll(oms, id, FulfillmentId.of("F2"));
            oms.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            return oms.closeReturn(id, r1, io.omskit.spi.model.Resolution.EXCHANGE);
        }

        @Test
        @DisplayName("the replacement not paid for with goods is charged: retryAuthorization asks for it, and the order completes")
        void retryAuthorization_afterPartlyReturnedExchange_chargesTheDifferenceAndCompletes() {
            OrderSnapshot closed = closedAfterOneOfTwoCameBack(engine);
            assertThat(OrderViews.balance(closed)).isEqualTo(Balance.BALANCE_DUE);

            OrderSnapshot paid = engine.retryAuthorization(id);

            assertThat(OrderViews.captured(paid)).isEqualTo(Money.ofMinor(3_000, "USD"));
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).isEqualTo(Money.ofMinor(3_000, "USD"));
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        }

        @Test
        @DisplayName("capture at confirmation: the same")
        void retryAuthorization_atConfirmation_afterPartlyReturnedExchange_chargesTheDifference() {
            OrderService atConfirmation = fx.engine(
                    EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION),
                    EngineFixture.PortWrapper.NONE);
            closedAfterOneOfTwoCameBack(atConfirmation);

            OrderSnapshot paid = atConfirmation.retryAuthorization(id);

            assertThat(OrderViews.captured(paid)).isEqualTo(Money.ofMinor(3_000, "USD"));
            assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }
}
