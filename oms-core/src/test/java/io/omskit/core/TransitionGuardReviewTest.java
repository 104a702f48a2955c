package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Transition guards met through the engine (found by the second review of fb97eb2; each failed before its fix):
 * facts reported by a provider are recorded whatever a guard says, and an exchange reopening a completed order is
 * no confirmation.
 */
class TransitionGuardReviewTest {
    private static final OrderId ID = OrderId.of("O-1");
    private final EngineFixture fx = new EngineFixture();

    private OrderService engine(CapturePolicy policy, OrderDecider decider) {
        return Oms.builder()
                .clock(fx.clock).orders(fx.orders).inventory(fx.inventory)
                .locations(StaticLocationDirectory.of(fx.locations))
                .payments(fx.payments).fraud(fx.fraud).carriers(fx.carrier).router(new NearestStockRouter())
                .config(EngineConfig.defaults().withCapturePolicy(policy))
                .decider(decider)
                .build();
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    @Nested
    class EnteringCompleted {
        /**
         * No fault at all: a cheaper exchange (10.00 unit for a 7.00 one) reopens the completed order; the
         * replacement is delivered and the return received; an audit hold is on. closeReturn(EXCHANGE) saves the
         * close, then refunds the 3.00 difference: the provider refunds, and the refund's answer is the command that
         * completes the order, so the guard refuses it. The provider refunded 3.00, the ledger shows nothing, the
         * request stays pending and closeReturn fails with GUARD_REJECTED.
         */
        @Test
        void closeReturn_ofACheaperExchange_recordsTheRefundItMade_evenWhenAGuardRefusesTheCompletion() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT, OrderDecider.builder()
                    .guardEntering(OrderStatus.COMPLETED, (before, c, after) -> after.holds().isEmpty()
                            ? Optional.empty() : Optional.of("audit hold on"))
                    .build());
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            fx.stock(EngineFixture.EAST, "SKU-B", 5);
            engine.place(EngineFixture.order("O-1", "SKU-A", 1));
            engine.verify(ID);
            engine.route(ID);
            EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F1"));
            ReturnId r1 = ReturnId.of("R1");
            LineId l1 = LineId.of("O-1-L1");
            engine.exchange(ID, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "size")),
                    List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-B"), 1, Money.ofMinor(700, "USD"), null)));
            engine.approveReturn(ID, r1);
            engine.route(ID);
            EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F2"));
            engine.receiveReturn(ID, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            engine.placeHold(ID, HoldId.of("audit"), HoldType.MANUAL, "audit", "ops");

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> engine.closeReturn(ID, r1, io.omskit.spi.model.Resolution.EXCHANGE));
            OrderSnapshot after = engine.get(ID);
            assertThat(fx.payments.totals(EngineFixture.USD).refunded()).as("provider refunded").isEqualTo(usd(300));
            assertThat(OrderViews.refunded(after)).as("ledger refunded (closeReturn threw %s)", thrown)
                    .isEqualTo(usd(300));
            assertThat(after.paymentRequests()).as("pending requests").isEmpty();
        }

        /**
         * A host refuses completion while an audit hold is on (a pure guard on the order after). The capture's
         * answer is lost at shipment; the parcel is delivered; resume repeats the capture, which the provider
         * approves, and the approval is the command that would complete the order: the guard refuses it, so the
         * money the provider captured is never recorded and every resume fails.
         */
        @Test
        void resume_afterALostCaptureAnswer_recordsTheCapture_evenWhenAGuardRefusesTheCompletion() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT, OrderDecider.builder()
                    .guardEntering(OrderStatus.COMPLETED, (before, c, after) -> after.holds().isEmpty()
                            ? Optional.empty() : Optional.of("audit hold on"))
                    .build());
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(EngineFixture.order("O-1", "SKU-A", 1));
            engine.verify(ID);
            engine.route(ID);
            FulfillmentId f1 = FulfillmentId.of("F1");
            engine.release(ID, f1);
            engine.pick(ID, f1, List.of());
            engine.pack(ID, f1);
            engine.placeHold(ID, HoldId.of("audit"), HoldType.MANUAL, "audit", "ops");
            fx.payments.failFirstAttempts(k -> k.contains(":cap"), 1,
                    SimulatedPaymentGateway.Failure.TIMEOUT_AFTER_APPLYING);
            try {
                engine.ship(ID, f1);
            } catch (RuntimeException lost) {
                // the capture's answer was lost: the request stays pending
            }
            engine.deliver(ID, f1, false);

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> engine.resume(ID));
            OrderSnapshot after = engine.get(ID);
            assertThat(fx.payments.totals(EngineFixture.USD).captured()).as("provider captured").isEqualTo(usd(1_000));
            assertThat(OrderViews.captured(after)).as("ledger captured (resume threw %s)", thrown).isEqualTo(usd(1_000));
            assertThat(after.paymentRequests()).as("pending requests").isEmpty();
        }
    }

    @Nested
    class EnteringRejected {
        /**
         * A host that never rejects orders by itself (it calls the customer first) guards entering REJECTED. The card
         * is declined: the provider's answer is the command that would reject the order, so the guard refuses it; the
         * decline is never recorded, the authorization request stays pending, and verify fails with GUARD_REJECTED
         * (each resume repeats the call and fails again).
         */
        @Test
        void verify_ofADeclinedCard_recordsTheDecline_evenWhenAGuardRefusesTheRejection() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT, OrderDecider.builder()
                    .guardEntering(OrderStatus.REJECTED, (before, c, after) -> Optional.of("we call the customer first"))
                    .build());
            fx.payments.declineWhen((order, amount) -> true, "card_declined");
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(EngineFixture.order("O-1", "SKU-A", 1));

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> engine.verify(ID));
            OrderSnapshot after = engine.get(ID);
            assertThat(after.paymentRequests()).as("pending requests (verify threw %s)", thrown).isEmpty();
            assertThat(after.payments()).as("the decline in the ledger").isNotEmpty();
        }
    }

    @Nested
    class EnteringConfirmed {
        /**
         * The same host guard (confirmation by hand only): verify authorizes, then records the fraud screen's
         * ACCEPT, which confirms the order automatically. The guard refused that decision, so the screen was never
         * recorded, verify failed with GUARD_REJECTED, and a confirmation by hand then skipped the screen. Facts are
         * not guarded now: the screen is recorded and confirms the order; a host that confirms by hand keeps the order
         * waiting with a hold (which the automatic confirmation respects), then confirms it.
         */
        @Test
        void verify_underAGuardOnEnteringConfirmed_recordsTheScreen_andAHoldKeepsTheOrderForTheHost() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT, OrderDecider.builder()
                    .guardEntering(OrderStatus.CONFIRMED, (before, c, after) -> c instanceof OrderCommand.Confirm
                            || c instanceof OrderCommand.ReleaseHold ? Optional.empty()
                            : Optional.of("confirmed by hand only"))
                    .build());
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(EngineFixture.order("O-1", "SKU-A", 1));
            OrderSnapshot screened = engine.verify(ID);
            assertThat(screened.fraud()).isNotNull();
            assertThat(screened.status()).isEqualTo(OrderStatus.CONFIRMED); // a fact confirmed it

            engine.place(EngineFixture.order("O-2", "SKU-A", 1));
            engine.placeHold(OrderId.of("O-2"), HoldId.of("review"), HoldType.MANUAL, "by hand", "ops");
            OrderSnapshot held = engine.verify(OrderId.of("O-2"));
            assertThat(held.fraud()).isNotNull();
            assertThat(held.status()).isNotEqualTo(OrderStatus.CONFIRMED);
            assertThat(engine.confirm(OrderId.of("O-2"), "ops").status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        /**
         * A host who wants confirmation only by hand guards entering CONFIRMED (as the Builder.guard Javadoc advises
         * for "a confirmation") and confirms the order itself; the order is delivered and completes. An exchange
         * moves the completed order back to CONFIRMED, which is "entering CONFIRMED", so the guard refuses every
         * exchange of a completed order although nothing is being confirmed.
         */
        @Test
        void exchange_ofACompletedOrder_isNotAConfirmation_andPassesAGuardOnEnteringConfirmed() {
            OrderService engine = engine(CapturePolicy.AT_SHIPMENT, OrderDecider.builder()
                    .guardEntering(OrderStatus.CONFIRMED, (before, c, after) -> c instanceof OrderCommand.Confirm
                            ? Optional.empty() : Optional.of("confirmed by hand only"))
                    .build());
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(EngineFixture.order("O-1", "SKU-A", 1));
            engine.confirm(ID, "ops");
            engine.verify(ID);
            engine.route(ID);
            OrderSnapshot done = EngineFixture.deliverAll(engine, ID, FulfillmentId.of("F1"));
            assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);

            assertThatCode(() -> engine.exchange(ID, ReturnId.of("R1"),
                    List.of(new OrderCommand.ReturnItem(LineId.of("O-1-L1"), 1, "size")),
                    List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-A"), 1, Money.ofMinor(1_000, "USD"), null))))
                    .doesNotThrowAnyException();
        }
    }
}
