package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
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
import io.omskit.spi.model.TransactionType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Call sequences of {@link OrderService} found by {@link OrderServiceProperties} to break an engine invariant,
 * each reduced to its smallest form.
 */
class OrderServiceSequenceTest {

    private final EngineFixture fx = new EngineFixture();
    private final OrderService engine = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
    private final OrderId id = OrderId.of("O-1");

    private void deliverAll(FulfillmentId f) {
        EngineFixture.deliverAll(engine, id, f);
    }

    @Nested
    @DisplayName("verify")
    class Verify {

        /**
         * An order confirmed by the host ({@link OrderService#confirm}) is past fraud screening, which the decider
         * refuses after confirmation: verify used to authorize, then fail on the screening, so the call threw
         * after it had moved money and saved two versions.
         */
        @Test
        @DisplayName("verify of an order the host confirmed authorizes it and does not screen it")
        void verify_afterHostConfirmed_authorizesWithoutScreeningAndDoesNotThrow() {
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(order("O-1", "SKU-A", 1));
            engine.confirm(id, "agent");

            OrderSnapshot verified = engine.verify(id);

            assertThat(verified.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(verified.fraud()).isNull();
            assertThat(verified.payments()).extracting(t -> t.type()).containsExactly(TransactionType.AUTHORIZATION);
            assertThat(engine.get(id)).isEqualTo(verified);
        }
    }

    @Nested
    @DisplayName("capture at shipment")
    class CaptureAtShipment {

        /**
         * Under {@link CapturePolicy#AT_SHIPMENT} the capture due was the value of what shipped less what was
         * captured, even when part of what shipped came back in a return closed with a refund; this test first
         * reached that with an exchange closed with a refund (a capture after it, the first one here since the host
         * confirmed the order itself, charged the returned unit as well). An exchange's return can no longer be
         * closed with a refund (its units pay for the replacement: OrderServiceExchangeTest), so the exchange here
         * is closed as one, and the capture made after it is what the customer pays for: both units, one of them
         * replaced.
         */
        @Test
        @DisplayName("a capture after an exchange charges what the customer pays for")
        void captureAtShipment_afterExchange_capturesWhatIsChargeable() {
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(order("O-1", "SKU-A", 2)); // 2 x 10.00
            engine.confirm(id, "agent"); // nothing authorized: nothing is captured at shipment
            engine.route(id);
            FulfillmentId f1 = FulfillmentId.of("F1");
            deliverAll(f1);
            ReturnId r1 = ReturnId.of("R1");
            LineId l1 = LineId.of("O-1-L1");
            engine.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")),
                    List.of(new LineSpec(LineId.of("O-1-X1"), Sku.of("SKU-A"), 1, Money.ofMinor(1_000, "USD"),
                            Money.ofMinor(400, "USD"))));
            engine.approveReturn(id, r1);
            engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            assertThat(catchThrowable(() -> engine.closeReturn(id, r1, Resolution.REFUND)))
                    .isInstanceOf(CommandRejectedException.class);
            engine.closeReturn(id, r1, Resolution.EXCHANGE);
            assertThat(OrderService.chargeable(engine.get(id))).isEqualTo(2_000);

            OrderSnapshot after = engine.verify(id); // authorizes what is due, then captures what shipped

            assertThat(OrderViews.captured(after)).isEqualTo(Money.ofMinor(2_000, "USD"));
        }

        /**
         * The cap on a capture at shipment counts the refunds already made: a unit returned and refunded after it
         * was captured is paid back by its refund, so a later shipment is captured in full (a cap at what is
         * chargeable alone, ignoring the refund, left the order short by the refunded amount and never completed).
         */
        @Test
        @DisplayName("a shipment after a return refunded from an earlier capture is captured in full")
        void captureAtShipment_afterReturnRefundedFromEarlierCapture_capturesTheShipmentAndCompletes() {
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(order("O-1", "SKU-A", 1, "SKU-B", 1)); // 10.00 + 15.00, SKU-B out of stock
            engine.verify(id);
            engine.route(id);
            FulfillmentId f1 = FulfillmentId.of("F1");
            deliverAll(f1); // captures 10.00
            ReturnId r1 = ReturnId.of("R1");
            LineId l1 = LineId.of("O-1-L1");
            engine.requestReturn(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")));
            engine.approveReturn(id, r1);
            engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            engine.closeReturn(id, r1, Resolution.REFUND); // refunds 10.00
            fx.stock(EngineFixture.EAST, "SKU-B", 5);
            engine.fillBackorders(id);
            FulfillmentId f2 = FulfillmentId.of("F2");
            engine.release(id, f2);
            engine.pick(id, f2, List.of());
            engine.pack(id, f2);

            engine.ship(id, f2);
            OrderSnapshot done = engine.deliver(id, f2, false);

            assertThat(OrderViews.captured(done)).isEqualTo(Money.ofMinor(2_500, "USD"));
            assertThat(OrderViews.refunded(done)).isEqualTo(Money.ofMinor(1_000, "USD"));
            assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    @DisplayName("returns")
    class Returns {

        /**
         * A refund for a return whose answer was lost stays pending and the return stays open. Closing it then with
         * another resolution (store credit, an exchange) used to go through: the pending refund completed later all
         * the same, so the customer had both, and the order never settled (what it charges counts the return as not
         * refunded).
         */
        @Test
        @DisplayName("a return with a refund made or pending cannot be closed with another resolution")
        void closeReturn_otherResolutionWithRefundPending_isRefusedAndChangesNothing() {
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(order("O-1", "SKU-A", 1));
            engine.verify(id);
            engine.route(id);
            FulfillmentId f1 = FulfillmentId.of("F1");
            deliverAll(f1); // captures 10.00
            ReturnId r1 = ReturnId.of("R1");
            LineId l1 = LineId.of("O-1-L1");
            engine.requestReturn(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "too big")));
            engine.approveReturn(id, r1);
            engine.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));
            fx.payments.failFirstAttempts(k -> k.contains(":refund:"), 1,
                    SimulatedPaymentGateway.Failure.TIMEOUT_AFTER_APPLYING);
            assertThatThrownBy(() -> engine.closeReturn(id, r1, Resolution.REFUND)).isInstanceOf(OmsException.class);
            OrderSnapshot pending = engine.get(id);
            assertThat(pending.paymentRequests()).hasSize(1);

            assertThatThrownBy(() -> engine.closeReturn(id, r1, Resolution.STORE_CREDIT))
                    .isInstanceOfSatisfying(OmsException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION));
            assertThat(engine.get(id)).isEqualTo(pending);

            OrderSnapshot closed = engine.closeReturn(id, r1, Resolution.REFUND); // completes the refund, closes
            assertThat(OrderViews.refunded(closed)).isEqualTo(Money.ofMinor(1_000, "USD"));
            assertThat(closed.orderReturn(r1).orElseThrow().resolution()).isEqualTo(Resolution.REFUND);
            assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }
}
