package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.TransactionType;
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
}
