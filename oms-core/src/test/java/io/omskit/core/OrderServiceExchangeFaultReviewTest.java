package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.OrderServiceFaultTest.InjectedCrash;
import io.omskit.core.OrderServiceFaultTest.Injector;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Second review of 788ac64/9f87c3c: a crash at every port call of an uneven exchange's journey (before the call
 * takes effect, and after with its answer lost), the host resuming after each and going on with the journey.
 */
class OrderServiceExchangeFaultReviewTest {
    private static final OrderId ID = OrderId.of("O-1");
    private static final LineId L1 = LineId.of("O-1-L1");
    private static final LineId X1 = LineId.of("O-1-X1");
    private static final ReturnId R1 = ReturnId.of("R1");

    record End(int calls, OrderSnapshot order, SimulatedPaymentGateway.Totals money) {
    }

    enum Mode { CLOSE, REJECT, CANCEL_REPLACEMENT, CLOSE_RETRYING }

    /** Two units ordered, one exchanged; the host also asks retryAuthorization at the end. */
    @Test
    void crashAtEveryPortCall_ofAnUnevenExchangeOfOneOfTwoUnits_thenResume_settles() {
        List<String> failures = new ArrayList<>();
        for (CapturePolicy policy : CapturePolicy.values()) {
            for (long price : new long[] {1_500, 700}) {
                End cleanEnd = journey(new Injector(Integer.MAX_VALUE, false), policy, price, Mode.CLOSE_RETRYING);
                String cleanProblem = problem(cleanEnd, 1_000 + price);
                if (cleanProblem != null) {
                    failures.add(policy + " " + price + " without a crash: " + cleanProblem);
                }
                for (boolean after : new boolean[] {false, true}) {
                    for (int k = 1; k <= cleanEnd.calls(); k++) {
                        String p = problem(journey(new Injector(k, after), policy, price, Mode.CLOSE_RETRYING),
                                1_000 + price);
                        if (p != null) {
                            failures.add(policy + ", replacement " + price + ", crash at call " + k
                                    + (after ? " after applying" : " before applying") + ": " + p);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void crashAtEveryPortCall_ofARejectedOrCancelledUnevenExchange_thenResume_settles() {
        List<String> failures = new ArrayList<>();
        for (Mode mode : new Mode[] {Mode.REJECT, Mode.CANCEL_REPLACEMENT}) {
            long net = mode == Mode.REJECT ? 1_000 : 0;
            for (CapturePolicy policy : CapturePolicy.values()) {
                for (long price : new long[] {1_500, 700}) {
                    End cleanEnd = journey(new Injector(Integer.MAX_VALUE, false), policy, price, mode);
                    String cleanProblem = problem(cleanEnd, net);
                    if (cleanProblem != null) {
                        failures.add(mode + " " + policy + " " + price + " without a crash: " + cleanProblem);
                    }
                    for (boolean after : new boolean[] {false, true}) {
                        for (int k = 1; k <= cleanEnd.calls(); k++) {
                            End e = journey(new Injector(k, after), policy, price, mode);
                            long kept = e.order().line(X1).map(l -> l.quantity() - l.in(Bucket.CANCELLED)).orElse(0);
                            String p = problem(e, net + kept * price);
                            if (p != null) {
                                failures.add(mode + ", " + policy + ", replacement " + price + ", crash at call " + k
                                        + (after ? " after applying" : " before applying") + ": " + p);
                            }
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void crashAtEveryPortCall_ofAnUnevenExchange_thenResume_settlesAtTheReplacementsPrice() {
        List<String> failures = new ArrayList<>();
        for (CapturePolicy policy : CapturePolicy.values()) {
            for (long price : new long[] {1_500, 700}) {
                int clean = journey(new Injector(Integer.MAX_VALUE, false), policy, price).calls();
                String cleanProblem = problem(journey(new Injector(Integer.MAX_VALUE, false), policy, price), price);
                if (cleanProblem != null) {
                    failures.add(policy + " " + price + " without a crash: " + cleanProblem);
                }
                for (boolean after : new boolean[] {false, true}) {
                    for (int k = 1; k <= clean; k++) {
                        End end = journey(new Injector(k, after), policy, price);
                        String p = problem(end, price);
                        if (p != null) {
                            failures.add(policy + ", replacement " + price + ", crash at call " + k
                                    + (after ? " after applying" : " before applying") + ": " + p);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The focused case of the sweep: the process dies right after exchange() saved the exchange, before it wrote the
     * difference's authorization ahead. The host resumes (as after any crash) and goes on with the return; the
     * replacement ships and the return closes as an exchange. Nothing ever asks for the 5.00 difference: the order
     * stays CONFIRMED with 10.00 captured for a 15.00 replacement, and resume changes nothing.
     */
    @Test
    void resume_afterACrashBetweenTheExchangeAndItsDifferencesAuthorization_collectsTheDifference() {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 5);
        f.stock(EngineFixture.EAST, "SKU-B", 5);
        boolean[] armed = {false};
        OrderService oms = f.engine(EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_SHIPMENT),
                EngineFixture.PortWrapper.around(io.omskit.spi.port.OrderStore.class, (method, args, call) -> {
                    if (armed[0] && method.equals("save") && !((OrderSnapshot) args[0]).paymentRequests().isEmpty()) {
                        armed[0] = false;
                        throw new InjectedCrash("OrderStore.save before");
                    }
                    return call.call();
                }));
        oms.place(EngineFixture.order("O-1", "SKU-A", 1));
        oms.verify(ID);
        oms.route(ID);
        assertThat(EngineFixture.deliverAll(oms, ID, io.omskit.spi.model.FulfillmentId.of("F1")).status())
                .isEqualTo(OrderStatus.COMPLETED);
        armed[0] = true;
        try {
            oms.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                    List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)));
        } catch (InjectedCrash crash) {
            oms.resume(ID);
        }
        oms.approveReturn(ID, R1);
        oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
        oms.route(ID);
        EngineFixture.deliverAll(oms, ID, io.omskit.spi.model.FulfillmentId.of("F2"));
        oms.closeReturn(ID, R1, Resolution.EXCHANGE);
        OrderSnapshot end = oms.resume(ID);

        assertThat(f.payments.totals(EngineFixture.USD).captured()).isEqualTo(Money.ofMinor(1_500, "USD"));
        assertThat(end.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    /** What is wrong at the end of a journey, or null. */
    private static String problem(End end, long price) {
        OrderSnapshot o = end.order();
        long captured = end.money().captured().minorUnits();
        long refunded = end.money().refunded().minorUnits();
        long open = OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(o.payments(), TransactionType.VOID) - OrderViews.sum(o.payments(), TransactionType.CAPTURE);
        if (o.status() != OrderStatus.COMPLETED) {
            return "status " + o.status() + ", captured " + captured + ", refunded " + refunded + ", open auth " + open;
        }
        if (!o.paymentRequests().isEmpty()) {
            return "pending " + o.paymentRequests();
        }
        if (captured - refunded != price) {
            return "net paid " + (captured - refunded) + " for a replacement worth " + price;
        }
        if (!OrderViews.captured(o).equals(end.money().captured()) || !OrderViews.refunded(o).equals(end.money().refunded())) {
            return "ledger differs from the provider";
        }
        if (open != 0) {
            return "authorization left open: " + open;
        }
        return null;
    }

    private static End journey(Injector injector, CapturePolicy policy, long price) {
        return journey(injector, policy, price, Mode.CLOSE);
    }

    private static End journey(Injector injector, CapturePolicy policy, long price, Mode mode) {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 5);
        f.stock(EngineFixture.EAST, "SKU-B", 5);
        OrderService oms = f.engine(EngineConfig.defaults().withCapturePolicy(policy), injector);
        for (int step = 0; step < 200; step++) {
            f.clock.advance(Duration.ofMinutes(10));
            try {
                if (!advance(oms, price, mode)) {
                    break;
                }
            } catch (InjectedCrash crash) {
                try {
                    if (oms.find(ID).isPresent()) {
                        oms.resume(ID);
                    }
                } catch (InjectedCrash again) {
                    // the host retries later
                }
            }
        }
        return new End(injector.calls.get(), f.orders.load(ID).orElseThrow(), f.payments.totals(EngineFixture.USD));
    }

    private static boolean advance(OrderService oms, long price, Mode mode) {
        Optional<OrderSnapshot> found = oms.find(ID);
        if (found.isEmpty()) {
            oms.place(EngineFixture.order("O-1", "SKU-A", mode == Mode.CLOSE_RETRYING ? 2 : 1));
            return true;
        }
        OrderSnapshot o = found.get();
        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.IN_REVIEW) {
            oms.verify(ID);
            return true;
        }
        if (mode == Mode.REJECT && o.orderReturn(R1).map(r -> r.status() == ReturnStatus.REQUESTED).orElse(false)) {
            oms.rejectReturn(ID, R1, "not ours");
            return true;
        }
        if (mode == Mode.CANCEL_REPLACEMENT && o.line(X1).map(l -> l.in(Bucket.CANCELLED) == 0).orElse(false)) {
            oms.cancelLine(ID, X1, 1, io.omskit.spi.model.Initiator.CUSTOMER, "changed mind", o.version());
            return true;
        }
        if (o.status() == OrderStatus.CONFIRMED && o.units(Bucket.PENDING) > 0) {
            oms.route(ID);
            return true;
        }
        try {
            if (EngineFixture.stepFulfillment(oms, o)) {
                return true;
            }
        } catch (CommandRejectedException e) {
            // a replacement routed before its return was rejected is charged at its price and released once paid
            assertThat(e.code()).isEqualTo(OmsErrorCode.ORDER_ON_HOLD);
            oms.retryAuthorization(ID);
            return true;
        }
        Optional<OrderReturn> ret = o.orderReturn(R1);
        if (ret.isEmpty()) {
            if (o.status() == OrderStatus.COMPLETED) {
                oms.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(price, "USD"), null)));
                return true;
            }
            oms.resume(ID);
            return true;
        }
        OrderReturn r = ret.get();
        if (r.status() == ReturnStatus.REQUESTED) {
            oms.approveReturn(ID, R1);
            return true;
        }
        if (r.status() == ReturnStatus.APPROVED) {
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            return true;
        }
        if (r.status() == ReturnStatus.RECEIVED) {
            oms.closeReturn(ID, R1, mode == Mode.CANCEL_REPLACEMENT ? Resolution.REFUND : Resolution.EXCHANGE);
            return true;
        }
        if (o.status() != OrderStatus.COMPLETED || !o.paymentRequests().isEmpty()) {
            OrderSnapshot before = o;
            if (mode != Mode.CLOSE) {
                oms.retryAuthorization(ID); // the replacement kept with a rejected return is charged: asks for it
            }
            OrderSnapshot after = oms.resume(ID);
            return !after.equals(before);
        }
        return false;
    }
}
