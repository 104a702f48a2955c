package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.core.memory.SimulatedPaymentGateway.Failure;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Review: money under provider errors, siblings of the 51e5051 fix. */
class OrderServiceFaultsReviewTest {
    private static final OrderId ID = OrderId.of("ORD-1");

    /** An engine on {@code fx} with the policy, SKU-A in stock, and an order of {@code units} of it placed. */
    private static OrderService placed(EngineFixture fx, CapturePolicy policy, int units) {
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        OrderService oms = fx.engine(EngineConfig.defaults().withCapturePolicy(policy), EngineFixture.PortWrapper.NONE);
        oms.place(EngineFixture.order(ID.value(), "SKU-A", units));
        return oms;
    }

    @Nested
    class Confirm {
        /**
         * AT_CONFIRMATION: an order authorized and held; the host confirms it; the capture confirm asks for fails
         * at the provider. The host repeats confirm: it should be accepted and finish the capture.
         */
        @Test
        void confirm_captureFailsThenRepeated_isAcceptedAndCaptures() {
            EngineFixture fx = new EngineFixture();
            OrderService oms = placed(fx, CapturePolicy.AT_CONFIRMATION, 1);
            oms.placeHold(ID, HoldId.of("H1"), HoldType.MANUAL, "check", "ops");
            OrderSnapshot verified = oms.verify(ID);
            assertThat(verified.status()).isNotEqualTo(OrderStatus.CONFIRMED);
            fx.payments.failFirstAttempts(k -> k.contains(":capture:"), 1, Failure.ERROR_BEFORE_APPLYING);
            assertThatThrownBy(() -> oms.confirm(ID, "ops")).isInstanceOf(ProviderException.class);

            OrderSnapshot again = oms.confirm(ID, "ops");

            assertThat(again.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(again.paymentRequests()).isEmpty();
            assertThat(fx.payments.totals(EngineFixture.USD).captured().minorUnits())
                    .isEqualTo(OrderService.chargeable(again));
        }
    }

    @Nested
    class Deliver {
        /**
         * AT_SHIPMENT: the shipment's capture fails at the provider (ship throws after the shipment was saved with
         * the capture written ahead); the host goes on with the next step, delivery. The order should complete
         * (its capture finished), as pickedUp does for a pickup order.
         */
        @Test
        void deliver_afterShipWhoseCaptureFailed_completesTheOrder() {
            EngineFixture fx = new EngineFixture();
            OrderService oms = placed(fx, CapturePolicy.AT_SHIPMENT, 1);
            oms.verify(ID);
            FulfillmentId f = oms.route(ID).fulfillments().get(0).id();
            oms.release(ID, f);
            oms.pick(ID, f, java.util.List.of());
            oms.pack(ID, f);
            fx.payments.failFirstAttempts(k -> k.contains(":capture:"), 1, Failure.ERROR_BEFORE_APPLYING);
            assertThatThrownBy(() -> oms.ship(ID, f)).isInstanceOf(ProviderException.class);

            OrderSnapshot delivered = oms.deliver(ID, f, false);

            assertThat(delivered.status()).as("status after delivery").isEqualTo(OrderStatus.COMPLETED);
            assertThat(delivered.paymentRequests()).as("the shipment's capture finished").isEmpty();
            assertThat(fx.payments.totals(EngineFixture.USD).captured().minorUnits())
                    .isEqualTo(OrderService.chargeable(delivered));
        }
    }

    @Nested
    class CompletedButNotSettled {
        /**
         * AT_CONFIRMATION: verify's capture fails twice at the provider; meanwhile the customer cancels a unit
         * (cancelLine saves the cancellation, then throws completing the pending capture). The host repeats verify:
         * it completes the 30.00 capture, but never asks for the cancelled unit's 10.00 back. The order then
         * ships and is delivered, and stays CONFIRMED with 10.00 owed back and nothing pending.
         */
        @Test
        void verifyRepeated_afterCaptureFailedAndALineWasCancelled_refundsTheCancelledUnit() {
            EngineFixture fx = new EngineFixture();
            OrderService oms = placed(fx, CapturePolicy.AT_CONFIRMATION, 3);
            fx.payments.failFirstAttempts(k -> k.contains(":capture:"), 2, Failure.ERROR_BEFORE_APPLYING);
            assertThatThrownBy(() -> oms.verify(ID)).isInstanceOf(ProviderException.class);
            FulfillmentId f = oms.route(ID).fulfillments().get(0).id();
            assertThatThrownBy(() -> oms.cancelLine(ID, io.omskit.spi.model.LineId.of("ORD-1-L1"), 1,
                    io.omskit.spi.model.Initiator.CUSTOMER, "changed_mind")).isInstanceOf(ProviderException.class);

            OrderSnapshot verified = oms.verify(ID); // the host repeats the call that threw first

            long net = OrderViews.captured(verified).minorUnits() - OrderViews.refunded(verified).minorUnits();
            long pendingRefunds = verified.paymentRequests().stream()
                    .filter(r -> r.type() == io.omskit.spi.model.TransactionType.REFUND)
                    .mapToLong(r -> r.amount().minorUnits()).sum();
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            soft.assertThat(net - pendingRefunds).as("nothing owed back without a refund asked for")
                    .isLessThanOrEqualTo(OrderService.chargeable(verified));

            EngineFixture.deliverAll(oms, ID, f);
            OrderSnapshot end = oms.get(ID);
            soft.assertThat(end.status()).as("status after delivery").isEqualTo(OrderStatus.COMPLETED);
            soft.assertThat(fx.payments.totals(EngineFixture.USD).refunded().minorUnits()).as("refunded")
                    .isEqualTo(1_000);
            soft.assertAll();
        }

        /**
         * The same with retryAuthorization as the host's recovery call, after two cancellations whose first refund
         * fails twice (the 51e5051 scenario, with retryAuthorization instead of ship as the next money call).
         */
        @Test
        void retryAuthorization_afterTwoCancellationsWhileTheFirstRefundFails_refundsBoth() {
            EngineFixture fx = new EngineFixture();
            OrderService oms = placed(fx, CapturePolicy.AT_CONFIRMATION, 3);
            oms.verify(ID); // 30.00 captured
            FulfillmentId f = oms.route(ID).fulfillments().get(0).id();
            // the first refund's key fails twice (its call, and its completion by the second cancellation)
            java.util.concurrent.atomic.AtomicReference<String> first = new java.util.concurrent.atomic.AtomicReference<>();
            fx.payments.failFirstAttempts(k -> k.contains(":refund:") && (first.compareAndSet(null, k)
                    || first.get().equals(k)), 2, Failure.ERROR_BEFORE_APPLYING);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> oms.cancelLine(ID, io.omskit.spi.model.LineId.of("ORD-1-L1"), 1,
                        io.omskit.spi.model.Initiator.CUSTOMER, "changed_mind")).isInstanceOf(ProviderException.class);
            }

            OrderSnapshot after = oms.retryAuthorization(ID);

            long pendingRefunds = after.paymentRequests().stream()
                    .filter(r -> r.type() == io.omskit.spi.model.TransactionType.REFUND)
                    .mapToLong(r -> r.amount().minorUnits()).sum();
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            soft.assertThat(OrderViews.captured(after).minorUnits() - OrderViews.refunded(after).minorUnits() - pendingRefunds)
                    .as("nothing owed back without a refund asked for").isLessThanOrEqualTo(OrderService.chargeable(after));
            EngineFixture.deliverAll(oms, ID, f);
            soft.assertThat(oms.get(ID).status()).as("status after delivery").isEqualTo(OrderStatus.COMPLETED);
            soft.assertThat(fx.payments.totals(EngineFixture.USD).refunded().minorUnits()).as("refunded")
                    .isEqualTo(2_000);
            soft.assertAll();
        }
    }
}
