package io.omskit.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.PaymentRequestCompleted;
import io.omskit.spi.event.PaymentRequested;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Money calls written ahead: a payment call whose answer is lost, or that is still in flight on another thread, is
 * a pending request in the order that every later money decision counts and completes first (the review findings
 * 1, 2, 3 and 5: each of these tests fails when calls are recorded only after the provider answered).
 */
class OrderServicePaymentRequestTest {
    private static final OrderId ID = OrderId.of("ORD-1");
    private static final LineId L1 = LineId.of("ORD-1-L1");
    private static final EngineConfig AT_CONF = EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_CONFIRMATION);

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    /**
     * Loses the answer of the next payment call named as armed ({@code refund}, {@code capture}, ...): the provider
     * applies it, and the engine gets a timeout. Whatever the call's key: the tests state behaviour, not key shapes.
     */
    static final class LoseAnswer implements EngineFixture.PortWrapper {
        private final AtomicReference<String> armed = new AtomicReference<>();

        void next(String method) {
            armed.set(method);
        }

        @Override
        public <T> T wrap(Class<T> type, T port) {
            return EngineFixture.PortWrapper.around(PaymentGateway.class, (method, args, call) -> {
                Object out = call.call();
                if (armed.compareAndSet(method, null)) {
                    throw new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT, "answer of " + method + " lost");
                }
                return out;
            }).wrap(type, port);
        }
    }

    /**
     * Holds the answer of the first payment call named {@code method} (applied at the provider) until {@link #answer}
     * opens: the call is in flight while another thread works on the order.
     */
    static final class SlowAnswer implements EngineFixture.PortWrapper {
        final String method;
        final CountDownLatch applied = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        SlowAnswer(String method) {
            this.method = method;
        }

        @Override
        public <T> T wrap(Class<T> type, T port) {
            return EngineFixture.PortWrapper.around(PaymentGateway.class, (name, args, call) -> {
                Object out = call.call();
                if (name.equals(method) && first.compareAndSet(true, false)) {
                    applied.countDown();
                    if (!answer.await(10, SECONDS)) {
                        throw new IllegalStateException("the answer was never released");
                    }
                }
                return out;
            }).wrap(type, port);
        }
    }

    /** Runs {@code inFlight} until its call is applied, then {@code meanwhile} to the end, then lets the answer in. */
    private static Throwable race(SlowAnswer slow, Runnable inFlight, Runnable meanwhile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(inFlight);
            assertThat(slow.applied.await(10, SECONDS)).as("the slow call was made").isTrue();
            Future<?> b = pool.submit(meanwhile);
            b.get(10, SECONDS);
            slow.answer.countDown();
            return catchThrowable(() -> a.get(10, SECONDS));
        } finally {
            slow.answer.countDown();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, SECONDS)).isTrue();
        }
    }

    @Nested
    class LostAnswers {
        @Test
        void settleRefund_lostAnswerThenAnotherCancelLine_refundsOnlyWhatIsDue() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(AT_CONF, lose);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3)); // 3 x 10.00
            oms.verify(ID); // authorized and captured 30.00
            assertThat(f.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(3_000));

            lose.next("refund");
            assertThatThrownBy(() -> oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "changed mind"))
                    .isInstanceOf(ProviderException.class); // the 10.00 refund happened, its answer was lost
            assertThat(oms.get(ID).paymentRequests()).extracting(PaymentRequest::amount).containsExactly(usd(1_000));
            oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "changed mind"); // one more unit
            oms.resume(ID);

            // the customer keeps 1 unit (10.00): 20.00 refunded, and the ledger says so
            assertThat(f.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(2_000));
            assertThat(OrderViews.refunded(oms.get(ID))).isEqualTo(usd(2_000));
            assertThat(oms.get(ID).paymentRequests()).isEmpty();
        }

        @Test
        void capture_lostAnswerThenCancelLine_resumeSucceedsAndChargesWhatIsDue() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(AT_CONF, lose);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            lose.next("capture");
            assertThatThrownBy(() -> oms.verify(ID)).isInstanceOf(ProviderException.class); // 30.00 captured, answer lost
            oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "changed mind");

            Throwable resumed = catchThrowable(() -> oms.resume(ID));

            OrderSnapshot o = oms.get(ID);
            SimulatedPaymentGateway.Totals money = f.payments.totals(EngineFixture.USD);
            assertThat(resumed).as("resume after a lost capture answer").isNull();
            assertThat(money.captured().minus(money.refunded())).isEqualTo(usd(2_000));
            assertThat(OrderViews.captured(o)).isEqualTo(money.captured());
            assertThat(OrderViews.refunded(o)).isEqualTo(money.refunded());
        }

        @Test
        void capture_lostAnswerThenCancel_refundsEverything() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(AT_CONF, lose);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            lose.next("capture");
            assertThatThrownBy(() -> oms.verify(ID)).isInstanceOf(ProviderException.class); // 30.00 captured, answer lost

            oms.cancel(ID, Initiator.CUSTOMER, "changed mind");
            oms.resume(ID);
            oms.resume(ID);

            SimulatedPaymentGateway.Totals money = f.payments.totals(EngineFixture.USD);
            assertThat(oms.get(ID).status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(money.captured()).isEqualTo(usd(3_000));
            assertThat(money.captured().minus(money.refunded())).as("kept from a cancelled order").isEqualTo(usd(0));
        }

        @Test
        void returnRefund_lostAnswerThenAnotherShipmentCaptured_refundsOnce() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 2);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(EngineConfig.defaults(), lose); // capture at shipment
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 2));
            oms.verify(ID);
            oms.route(ID);
            FulfillmentId f1 = FulfillmentId.of("F1");
            oms.release(ID, f1);
            oms.pick(ID, f1, List.of(new FulfillmentLine(L1, 1))); // short pick: 1 unit backordered
            oms.pack(ID, f1);
            oms.ship(ID, f1); // capture 10.00
            oms.deliver(ID, f1, false);
            ReturnId r1 = ReturnId.of("R1");
            oms.requestReturn(ID, r1, List.of(new OrderCommand.ReturnItem(L1, 1, "changed_mind")));
            oms.approveReturn(ID, r1);
            oms.receiveReturn(ID, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            lose.next("refund");
            assertThatThrownBy(() -> oms.closeReturn(ID, r1, Resolution.REFUND))
                    .isInstanceOf(ProviderException.class); // 10.00 refunded, answer lost

            oms.fillBackorders(ID); // the backordered unit ships meanwhile: a second capture
            FulfillmentId f2 = FulfillmentId.of("F2");
            oms.release(ID, f2);
            oms.pick(ID, f2, List.of());
            oms.pack(ID, f2);
            oms.ship(ID, f2);
            oms.closeReturn(ID, r1, Resolution.REFUND); // the host repeats the command

            assertThat(f.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(1_000));
            assertThat(f.payments.totals(EngineFixture.USD).captured()).isEqualTo(usd(2_000));
            assertThat(OrderViews.refunded(oms.get(ID))).isEqualTo(usd(1_000));
        }

        @Test
        void authorization_lostAnswerThenCancel_isVoided() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(EngineConfig.defaults(), lose);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            lose.next("authorize");
            assertThatThrownBy(() -> oms.verify(ID)).isInstanceOf(ProviderException.class);

            oms.cancel(ID, Initiator.CUSTOMER, "changed mind");
            oms.resume(ID);

            SimulatedPaymentGateway.Totals money = f.payments.totals(EngineFixture.USD);
            assertThat(money.authorized()).isEqualTo(usd(3_000));
            assertThat(money.voided()).as("authorization released").isEqualTo(money.authorized());
            assertThat(OrderViews.authorized(oms.get(ID))).as("authorized less voided, in the ledger").isEqualTo(usd(0));
        }

        @Test
        void resume_onACancelledOrderWithAPendingRequest_completesIt() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            LoseAnswer lose = new LoseAnswer();
            OrderService oms = f.engine(EngineConfig.defaults(), lose);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            oms.verify(ID); // authorized 30.00
            lose.next("voidAuthorization");
            assertThatThrownBy(() -> oms.cancel(ID, Initiator.CUSTOMER, "changed mind"))
                    .isInstanceOf(ProviderException.class); // voided, answer lost
            assertThat(oms.get(ID).paymentRequests()).extracting(PaymentRequest::type)
                    .containsExactly(TransactionType.VOID);

            oms.resume(ID);

            assertThat(oms.get(ID).paymentRequests()).isEmpty();
            assertThat(OrderViews.voided(oms.get(ID))).isEqualTo(usd(3_000));
            assertThat(f.payments.totals(EngineFixture.USD).voided()).isEqualTo(usd(3_000));
        }
    }

    @Nested
    class Races {
        @Test
        void twoConcurrentCancelLines_refundOnlyWhatIsDue() throws Exception {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            SlowAnswer slow = new SlowAnswer("refund");
            OrderService oms = f.engine(AT_CONF, slow);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            oms.verify(ID);

            Throwable first = race(slow, () -> oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "a"),
                    () -> oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "b"));

            assertThat(first).isNull();
            assertThat(f.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(2_000));
            assertThat(OrderViews.refunded(oms.get(ID))).isEqualTo(usd(2_000));
        }

        @Test
        void twoEngineInstances_cancelLineEach_whileARefundIsInFlight_refundOnlyWhatIsDue() throws Exception {
            EngineFixture f = new EngineFixture(); // one store and one provider, two engines
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            SlowAnswer slow = new SlowAnswer("refund");
            OrderService first = f.engine(AT_CONF, slow);
            OrderService second = f.engine(AT_CONF, EngineFixture.PortWrapper.NONE);
            first.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            first.verify(ID);

            Throwable a = race(slow, () -> first.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "a"),
                    () -> second.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "b"));

            assertThat(a).isNull();
            assertThat(f.payments.totals(EngineFixture.USD).refunded()).isEqualTo(usd(2_000));
            assertThat(OrderViews.refunded(second.get(ID))).isEqualTo(usd(2_000));
            assertThat(second.get(ID).paymentRequests()).isEmpty();
        }

        @Test
        void captureInFlight_whileTheOrderIsCancelled_isRefunded() throws Exception {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            SlowAnswer slow = new SlowAnswer("capture");
            OrderService oms = f.engine(AT_CONF, slow);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));

            Throwable verify = race(slow, () -> oms.verify(ID), () -> oms.cancel(ID, Initiator.CUSTOMER, "x"));

            SimulatedPaymentGateway.Totals money = f.payments.totals(EngineFixture.USD);
            assertThat(money.captured()).isEqualTo(usd(3_000));
            assertThat(money.captured().minus(money.refunded())).as("kept from a cancelled order").isEqualTo(usd(0));
            assertThat(verify).isNull();
            OrderSnapshot o = oms.get(ID);
            assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(OrderViews.captured(o)).isEqualTo(money.captured());
            assertThat(OrderViews.refunded(o)).isEqualTo(money.refunded());
        }

        @Test
        void authorizationInFlight_whileTheOrderIsCancelled_isVoided() throws Exception {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            SlowAnswer slow = new SlowAnswer("authorize");
            OrderService oms = f.engine(EngineConfig.defaults(), slow);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));

            Throwable verify = race(slow, () -> oms.verify(ID), () -> oms.cancel(ID, Initiator.CUSTOMER, "x"));

            SimulatedPaymentGateway.Totals money = f.payments.totals(EngineFixture.USD);
            assertThat(money.authorized()).isEqualTo(usd(3_000));
            assertThat(money.voided()).as("authorization released").isEqualTo(money.authorized());
            assertThat(verify).isNull();
            assertThat(oms.get(ID).status()).isEqualTo(OrderStatus.CANCELLED);
        }
    }

    @Nested
    class Requests {
        @Test
        void everyPaymentCall_isPendingInTheSavedOrderWhenTheProviderIsCalled() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            List<String> problems = new ArrayList<>();
            AtomicReference<Integer> calls = new AtomicReference<>(0);
            EngineFixture.PortWrapper checking = EngineFixture.PortWrapper.around(PaymentGateway.class,
                    (method, args, call) -> {
                        calls.set(calls.get() + 1);
                        String key = (String) args[0];
                        Object amount = method.equals("voidAuthorization") ? null : args[2];
                        boolean pending = f.orders.load(ID).orElseThrow().paymentRequests().stream()
                                .anyMatch(r -> r.idempotencyKey().equals(key)
                                        && (amount == null || r.amount().equals(amount)));
                        if (!pending) {
                            problems.add(method + " " + key + " " + amount + " not written ahead");
                        }
                        return call.call();
                    });
            OrderService oms = f.engine(AT_CONF, checking);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            oms.verify(ID); // authorize, capture
            oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "r"); // refund
            oms.cancel(ID, Initiator.CUSTOMER, "r"); // refund

            assertThat(calls.get()).isEqualTo(4);
            assertThat(problems).isEmpty();
            assertThat(oms.get(ID).paymentRequests()).isEmpty();
        }

        @Test
        void ship_atShipment_writesItsCaptureAheadInTheShipmentsOwnSave() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            AtomicReference<String> pendingAtCapture = new AtomicReference<>();
            EngineFixture.PortWrapper watching = EngineFixture.PortWrapper.around(PaymentGateway.class,
                    (method, args, call) -> {
                        if (method.equals("capture")) {
                            OrderSnapshot now = f.orders.load(ID).orElseThrow();
                            pendingAtCapture.set(now.paymentRequest((String) args[0])
                                    .map(r -> r.amount() + " at version " + now.version()).orElse("none"));
                        }
                        return call.call();
                    });
            OrderService oms = f.engine(EngineConfig.defaults(), watching); // AT_SHIPMENT
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 2));
            oms.verify(ID);
            oms.route(ID);
            FulfillmentId f1 = FulfillmentId.of("F1");
            oms.release(ID, f1);
            oms.pick(ID, f1, List.of());
            oms.pack(ID, f1);
            long packed = oms.get(ID).version();

            OrderSnapshot shipped = oms.ship(ID, f1);

            assertThat(pendingAtCapture.get()).isEqualTo("20.00 USD at version " + (packed + 1));
            assertThat(shipped.version()).as("the shipment with its request, then the answer").isEqualTo(packed + 2);
            assertThat(OrderViews.captured(shipped)).isEqualTo(usd(2_000));
            assertThat(shipped.paymentRequests()).isEmpty();
        }

        @Test
        void requestsAndCompletions_areEvents_andTheSnapshotIsTheirFold() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            OrderService oms = f.engine(AT_CONF, EngineFixture.PortWrapper.NONE);
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            oms.verify(ID);
            oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "r");
            oms.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "r");

            List<OrderEvent> history = oms.history(ID);
            List<String> requested = new ArrayList<>();
            List<String> completed = new ArrayList<>();
            for (OrderEvent e : history) {
                if (e instanceof PaymentRequested r) {
                    requested.add(r.request().idempotencyKey());
                } else if (e instanceof PaymentRequestCompleted c) {
                    completed.add(c.idempotencyKey());
                }
            }
            assertThat(requested).hasSize(4).doesNotHaveDuplicates(); // auth, capture, two refunds of 10.00
            assertThat(completed).containsExactlyElementsOf(requested);
            assertThat(OrderDecider.standard().replay(history)).isEqualTo(oms.get(ID));
        }

        @Test
        void declinedCapture_completesTheRequest_andMovesNoMoney() {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, "SKU-A", 10);
            f.payments.declineAmountsEndingIn(0);
            OrderService oms = f.engine(AT_CONF, EngineFixture.PortWrapper.NONE);
            OrderDecider d = OrderDecider.standard();
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            OrderSnapshot o = oms.get(ID);
            // an authorization recorded as before (no request), then a capture written ahead and declined
            o = accept(d, o, new OrderCommand.RecordAuthorization(usd(3_000), "auth-x", f.clock.instant()));
            o = accept(d, o, new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(
                    TransactionType.CAPTURE, usd(3_000), "auth-x", null)), f.clock.instant()));
            String key = o.paymentRequests().get(0).idempotencyKey();
            o = accept(d, o, new OrderCommand.CompletePayment(key,
                    PaymentOutcome.declined("d-1", usd(3_000), "do_not_honor"), f.clock.instant()));

            assertThat(o.paymentRequests()).isEmpty();
            assertThat(OrderViews.captured(o)).isEqualTo(usd(0));
            assertThat(d.decide(o, new OrderCommand.CompletePayment(key, PaymentOutcome.approved("c", usd(1)),
                    f.clock.instant()))).isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }

        @Test
        void requestPayments_captureBeyondWhatIsAuthorizedAndNotRequested_isRejected() {
            OrderDecider d = OrderDecider.standard();
            EngineFixture f = new EngineFixture();
            OrderService oms = f.engine();
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            OrderSnapshot o = accept(d, oms.get(ID),
                    new OrderCommand.RecordAuthorization(usd(3_000), "auth-x", f.clock.instant()));
            o = accept(d, o, new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(
                    TransactionType.CAPTURE, usd(2_000), "auth-x", null)), f.clock.instant()));

            Decision second = d.decide(o, new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(
                    TransactionType.CAPTURE, usd(1_500), "auth-x", null)), f.clock.instant()));

            assertThat(second).isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED));
        }

        @Test
        void requestPayments_keysNameTheVersion_andDifferForEqualAmounts() {
            OrderDecider d = OrderDecider.standard();
            EngineFixture f = new EngineFixture();
            OrderService oms = f.engine();
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            OrderSnapshot o = accept(d, oms.get(ID),
                    new OrderCommand.RecordAuthorization(usd(3_000), "auth-x", f.clock.instant()));
            OrderCommand.PaymentCall ten = new OrderCommand.PaymentCall(TransactionType.CAPTURE, usd(1_000), "auth-x",
                    null);
            o = accept(d, o, new OrderCommand.RequestPayments(List.of(ten, ten), f.clock.instant()));
            o = accept(d, o, new OrderCommand.RequestPayments(List.of(ten), f.clock.instant()));

            assertThat(o.paymentRequests()).extracting(PaymentRequest::idempotencyKey)
                    .containsExactly("ORD-1:capture:3", "ORD-1:capture:3.1", "ORD-1:capture:4");
        }

        @Test
        void completePayment_captureOnACancelledOrder_isRecorded() {
            OrderDecider d = OrderDecider.standard();
            EngineFixture f = new EngineFixture();
            OrderService oms = f.engine();
            oms.place(EngineFixture.order("ORD-1", "SKU-A", 3));
            OrderSnapshot o = accept(d, oms.get(ID),
                    new OrderCommand.RecordAuthorization(usd(3_000), "auth-x", f.clock.instant()));
            o = accept(d, o, new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(
                    TransactionType.CAPTURE, usd(3_000), "auth-x", null)), f.clock.instant()));
            o = accept(d, o, new OrderCommand.CancelOrder(Initiator.CUSTOMER, "x", f.clock.instant()));

            o = accept(d, o, new OrderCommand.CompletePayment(o.paymentRequests().get(0).idempotencyKey(),
                    PaymentOutcome.approved("cap-x", usd(3_000)), f.clock.instant()));

            assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(OrderViews.captured(o)).isEqualTo(usd(3_000));
            assertThat(d.decide(o, new OrderCommand.RequestPayments(List.of(new OrderCommand.PaymentCall(
                    TransactionType.CAPTURE, usd(1), "auth-x", null)), f.clock.instant())))
                    .as("a closed order only gives money back").isInstanceOf(Decision.Rejected.class);
        }

        private OrderSnapshot accept(OrderDecider d, OrderSnapshot o, OrderCommand c) {
            Decision decision = d.decide(o, c);
            assertThat(decision).as(c.toString()).isInstanceOf(Decision.Accepted.class);
            return ((Decision.Accepted) decision).snapshot();
        }
    }
}
