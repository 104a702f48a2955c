package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: a failure is injected at every port call of a whole journey in turn (before the call takes
 * effect, and after it took effect with its answer lost); the host then calls {@code resume} and retries.
 * Every run must end with the order completed and nothing charged, reserved, labelled or restocked twice.
 */
class OrderServiceFaultTest {

    /** Thrown by the injector; stands for a crash of the process or a lost connection. */
    static final class InjectedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedCrash(String where) {
            super("injected crash at " + where);
        }
    }

    /** Counts port calls and fails the k-th one, once. */
    static final class Injector implements EngineFixture.PortWrapper {
        final int failAt;
        final boolean afterApplying;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean fired;

        Injector(int failAt, boolean afterApplying) {
            this.failAt = failAt;
            this.afterApplying = afterApplying;
        }

        @Override
        public <T> T wrap(Class<T> type, T port) {
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(port, args);
                }
                boolean fail = calls.incrementAndGet() == failAt;
                if (fail && !afterApplying) {
                    fired = true;
                    throw new InjectedCrash(type.getSimpleName() + "." + method.getName() + " before");
                }
                Object result;
                try {
                    result = method.invoke(port, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (fail) {
                    fired = true;
                    throw new InjectedCrash(type.getSimpleName() + "." + method.getName() + " after");
                }
                return result;
            });
            return type.cast(proxy);
        }
    }

    private static final OrderId ID = OrderId.of("ORD-1");
    private static final ReturnId RET = ReturnId.of("R1");

    @Test
    @DisplayName("a crash at any port call, before or after it takes effect, then resume: nothing happens twice")
    void crashAtEveryPortCall_thenResume_completesWithNothingTwice() {
        int cleanCalls = run(new Injector(Integer.MAX_VALUE, false)).calls;
        assertThat(cleanCalls).isGreaterThan(20);
        for (boolean after : new boolean[] {false, true}) {
            for (int k = 1; k <= cleanCalls; k++) {
                Outcome o = run(new Injector(k, after));
                assertThat(o.fired).as("crash %d (after=%s) fired", k, after).isTrue();
                o.assertClean("crash at call " + k + (after ? " after applying" : " before applying"));
            }
        }
    }

    @Test
    @DisplayName("a crash at any port call of a cancellation journey, the host going on: refunded or voided exactly once")
    void crashAtEveryPortCall_ofCancellations_hostGoesOn_settlesMoneyOnce() {
        for (CapturePolicy policy : CapturePolicy.values()) {
            int cleanCalls = cancellations(new Injector(Integer.MAX_VALUE, false), policy).calls;
            assertThat(cleanCalls).isGreaterThan(10);
            for (boolean after : new boolean[] {false, true}) {
                for (int k = 1; k <= cleanCalls; k++) {
                    Injector injector = new Injector(k, after);
                    Settled o = cancellations(injector, policy);
                    String what = policy + ", crash at call " + k + (after ? " after applying" : " before applying");
                    assertThat(injector.fired).as("%s fired", what).isTrue();
                    o.assertClean(what, policy);
                }
            }
        }
    }

    /** The end of a cancellation journey: the order as stored and the provider's totals. */
    record Settled(int calls, OrderSnapshot order, SimulatedPaymentGateway.Totals money) {
        void assertClean(String what, CapturePolicy policy) {
            Money all = Money.ofMinor(3_000, "USD");
            assertThat(order.status()).as(what).isEqualTo(OrderStatus.CANCELLED);
            assertThat(order.paymentRequests()).as(what + ": nothing pending").isEmpty();
            assertThat(money.authorized()).as(what + ": authorized once").isEqualTo(all);
            // captured once (at confirmation, unless the cancellation came first) or never, all of it given back, and
            // whatever was not captured released
            assertThat(money.captured()).as(what + ": captured once or never")
                    .isIn(policy == CapturePolicy.AT_CONFIRMATION ? List.of(all, Money.ofMinor(0, "USD"))
                            : List.of(Money.ofMinor(0, "USD")));
            assertThat(money.refunded()).as(what + ": refunded what was captured, once").isEqualTo(money.captured());
            assertThat(money.voided()).as(what + ": the rest voided, once").isEqualTo(all.minus(money.captured()));
            assertThat(OrderViews.captured(order)).as(what + ": ledger captured").isEqualTo(money.captured());
            assertThat(OrderViews.refunded(order)).as(what + ": ledger refunded").isEqualTo(money.refunded());
            assertThat(OrderViews.voided(order)).as(what + ": ledger voided").isEqualTo(money.voided());
        }
    }

    /**
     * Places 3 units (30.00), verifies, cancels one unit (at the version seen, so a retry cannot cancel another),
     * then the order, going on after every injected crash with the next command as the stored order calls for;
     * resumes only at the end, until the money is settled.
     */
    private static Settled cancellations(Injector injector, CapturePolicy policy) {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 10);
        OrderService oms = f.engine(EngineConfig.defaults().withCapturePolicy(policy), injector);
        PlaceOrder request = EngineFixture.order(ID.value(), "SKU-A", 3);
        for (int step = 0; step < 100; step++) {
            f.clock.advance(Duration.ofMinutes(10));
            try {
                Optional<OrderSnapshot> found = oms.find(ID);
                if (found.isEmpty()) {
                    oms.place(request);
                    continue;
                }
                OrderSnapshot o = found.get();
                long openAuthorization = OrderViews.authorized(o).minus(OrderViews.captured(o)).minorUnits();
                if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.IN_REVIEW) {
                    oms.verify(ID);
                } else if (o.units(Bucket.CANCELLED) == 0) {
                    oms.cancelLine(ID, o.lines().get(0).id(), 1, io.omskit.spi.model.Initiator.CUSTOMER, "r",
                            o.version());
                } else if (o.status() != OrderStatus.CANCELLED) {
                    oms.cancel(ID, io.omskit.spi.model.Initiator.CUSTOMER, "r");
                } else if (OrderViews.captured(o).minus(OrderViews.refunded(o)).isPositive() || openAuthorization > 0
                        || !o.paymentRequests().isEmpty()) {
                    oms.resume(ID);
                } else {
                    break;
                }
            } catch (InjectedCrash crash) {
                // the host goes on with the journey: no resume before the next command (a lost answer must not
                // need one), only at the end
            }
        }
        return new Settled(injector.calls.get(), f.orders.load(ID).orElseThrow(), f.payments.totals(EngineFixture.USD));
    }

    @Test
    void providerTimeouts_areRetriedWithTheSameKey_andChargeOnce() {
        EngineFixture f = new EngineFixture();
        f.payments.failFirstAttempts(k -> true, 1, SimulatedPaymentGateway.Failure.TIMEOUT_AFTER_APPLYING);
        f.stock(EngineFixture.EAST, "SKU-A", 10);
        OrderService oms = f.engine();
        oms.place(EngineFixture.order("ORD-1", "SKU-A", 2));
        for (int i = 0; i < 5; i++) {
            try {
                oms.resume(ID);
                break;
            } catch (ProviderException e) {
                // a timeout: the host retries
            }
        }
        OrderSnapshot order = oms.get(ID);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(f.payments.totals(EngineFixture.USD).authorized()).isEqualTo(OrderViews.amountDue(order));
        // the authorization written ahead at version 2: its first attempt timed out, the repeat had the same key
        assertThat(f.payments.attempts(ID.value() + ":auth:2")).isEqualTo(2);
    }

    record Outcome(int calls, boolean fired, OrderSnapshot order, SimulatedPaymentGateway.Totals money,
                   InMemoryInventoryStore.Totals stock, int labels, int shipments, Money due, Money returnedValue) {
        void assertClean(String what) {
            assertThat(order.status()).as(what).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.returns()).as(what).allMatch(r -> r.status() == ReturnStatus.CLOSED);
            assertThat(money.authorized()).as(what + ": authorized once").isEqualTo(due);
            assertThat(money.captured()).as(what + ": captured once").isEqualTo(due);
            assertThat(money.refunded()).as(what + ": refunded once").isEqualTo(returnedValue);
            assertThat(labels).as(what + ": one label per shipment").isEqualTo(shipments);
            assertThat(stock.conserved()).as(what + ": stock conserved").isTrue();
            assertThat(stock.reserved()).as(what + ": nothing left reserved").isZero();
            assertThat(stock.consumed()).as(what + ": consumed once").isEqualTo(order.units(Bucket.DELIVERED)
                    + order.units(Bucket.RETURNED) + order.units(Bucket.RETURN_REQUESTED));
            assertThat(stock.restocked()).as(what + ": restocked once").isEqualTo(order.units(Bucket.RETURNED));
        }
    }

    /** Drives one order through the whole journey, resuming after every injected crash. */
    private static Outcome run(Injector injector) {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 3);
        f.stock(EngineFixture.WEST, "SKU-A", 5);
        f.stock(EngineFixture.EAST, "SKU-B", 4);
        OrderService oms = f.engine(EngineConfig.defaults(), injector);
        PlaceOrder request = EngineFixture.order(ID.value(), "SKU-A", 5, "SKU-B", 1);
        for (int step = 0; step < 200; step++) {
            f.clock.advance(Duration.ofMinutes(10));
            try {
                if (!advance(oms, request)) {
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
        int calls = injector.calls.get();
        OrderSnapshot order = f.orders.load(ID).orElseThrow(); // read past the injector
        int shipments = 0;
        for (Fulfillment ff : order.fulfillments()) {
            if (ff.shippedAt() != null) {
                shipments++;
            }
        }
        Money returned = Money.zero(EngineFixture.USD);
        for (OrderLine line : order.lines()) {
            returned = returned.plus(line.spec().unitPrice().times(line.in(Bucket.RETURNED)));
        }
        Money due = Money.zero(EngineFixture.USD);
        for (OrderLine line : order.lines()) {
            due = due.plus(line.spec().unitPrice().times(line.quantity()));
        }
        return new Outcome(calls, injector.fired, order, f.payments.totals(EngineFixture.USD),
                f.inventory.totals(), f.carrier.labelCount(), shipments, due, returned);
    }

    /** Does the next step of the journey; false when the journey is over. */
    private static boolean advance(OrderService oms, PlaceOrder request) {
        Optional<OrderSnapshot> found = oms.find(ID);
        if (found.isEmpty()) {
            oms.place(request);
            return true;
        }
        OrderSnapshot o = found.get();
        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.IN_REVIEW) {
            oms.verify(ID);
            return true;
        }
        if (o.status() == OrderStatus.CONFIRMED && o.units(Bucket.PENDING) > 0) {
            oms.route(ID);
            return true;
        }
        if (EngineFixture.stepFulfillment(oms, o)) {
            return true;
        }
        Optional<OrderReturn> ret = o.orderReturn(RET);
        if (ret.isEmpty()) {
            if (o.units(Bucket.DELIVERED) == o.lines().stream().mapToInt(OrderLine::quantity).sum()) {
                oms.requestReturn(ID, RET, List.of(new OrderCommand.ReturnItem(o.lines().get(0).id(), 2, "changed_mind")));
                return true;
            }
            oms.resume(ID);
            return true;
        }
        OrderReturn r = ret.get();
        if (r.status() == ReturnStatus.REQUESTED) {
            oms.approveReturn(ID, RET);
            return true;
        }
        if (r.status() == ReturnStatus.APPROVED) {
            oms.receiveReturn(ID, RET, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(o.lines().get(0).id(), 2)));
            return true;
        }
        if (r.status() == ReturnStatus.RECEIVED && r.lines().get(0).inspection() == InspectionResult.PENDING) {
            oms.inspectReturn(ID, RET, o.lines().get(0).id(), InspectionResult.ACCEPTED, Disposition.RESTOCK);
            return true;
        }
        if (r.status() == ReturnStatus.RECEIVED) {
            oms.closeReturn(ID, RET, Resolution.REFUND);
            return true;
        }
        if (o.status() != OrderStatus.COMPLETED) {
            oms.resume(ID);
            return oms.get(ID).status() != OrderStatus.COMPLETED;
        }
        return false;
    }
}
