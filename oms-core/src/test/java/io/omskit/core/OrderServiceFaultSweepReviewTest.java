package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.SimulatedPaymentGateway.Failure;
import io.omskit.spi.OmsException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Review sweep: (journey, capture policy, k-th payment key, failure kind, 1-3 failing attempts, host strategy).
 * The host repeats the call that threw, or resumes and goes on, or goes on and resumes at the end.
 */
class OrderServiceFaultSweepReviewTest {
    static final OrderId ID = OrderId.of("O-1");
    static final LineId L1 = LineId.of("O-1-L1");
    static final LineId X1 = LineId.of("O-1-X1");
    static final ReturnId R1 = ReturnId.of("R1");
    static final FulfillmentId F1 = FulfillmentId.of("F1");
    static final FulfillmentId F2 = FulfillmentId.of("F2");

    /** One host call; repeatable: may be repeated after it threw. */
    record Step(String name, boolean repeatable, Consumer<OrderService> call) {
    }

    enum Strategy { REPEAT, RESUME, NEXT }

    static Step s(String name, Consumer<OrderService> call) {
        return new Step(name, true, call);
    }

    static List<Step> ship(FulfillmentId f) {
        return List.of(s("release " + f, o -> o.release(ID, f)), s("pick " + f, o -> o.pick(ID, f, List.of())),
                s("pack " + f, o -> o.pack(ID, f)), s("ship " + f, o -> o.ship(ID, f)),
                s("deliver " + f, o -> o.deliver(ID, f, false)));
    }

    static PlaceOrder order(int units, boolean pickup) {
        Address to = Address.at("New York", "US", EngineFixture.NEW_YORK);
        return new PlaceOrder(ID, Channel.of(ChannelType.WEB), "ext-1", null, null, EngineFixture.USD, to, to,
                pickup ? EngineFixture.STORE : null, null,
                List.of(new LineSpec(L1, Sku.of("SKU-A"), units, Money.ofMinor(1_000, "USD"), null)));
    }

    static List<Step> start(int units, boolean pickup) {
        return List.of(s("place", o -> o.place(order(units, pickup))), s("verify", o -> o.verify(ID)),
                s("route", o -> o.route(ID)));
    }

    static List<Step> concat(List<?>... parts) {
        List<Step> all = new ArrayList<>();
        for (List<?> p : parts) {
            for (Object x : p) {
                all.add((Step) x);
            }
        }
        return all;
    }

    static List<Step> exchange(long price) {
        return List.of(s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(price, "USD"), null)))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("route X", o -> o.route(ID)));
    }

    /** name -> steps. */
    static List<Object[]> journeys() {
        List<Object[]> j = new ArrayList<>();
        j.add(new Object[] {"simple", concat(start(2, false), ship(F1))});
        j.add(new Object[] {"pickup", concat(start(1, true), List.of(s("release", o -> o.release(ID, F1)),
                s("pick", o -> o.pick(ID, F1, List.of())), s("pack", o -> o.pack(ID, F1)),
                s("ready", o -> o.readyForPickup(ID, F1)), s("pickedUp", o -> o.pickedUp(ID, F1))))});
        j.add(new Object[] {"cancel", concat(start(2, false), List.of(s("cancel",
                o -> o.cancel(ID, Initiator.CUSTOMER, "changed_mind"))))});
        j.add(new Object[] {"cancelBeforeRoute", List.of(s("place", o -> o.place(order(2, false))),
                s("verify", o -> o.verify(ID)), s("cancel", o -> o.cancel(ID, Initiator.CUSTOMER, "x")))});
        j.add(new Object[] {"cancelLine", concat(start(3, false), List.of(new Step("cancelLine", false,
                o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x"))), ship(F1))});
        j.add(new Object[] {"twoFulfillments", concat(start(2, false), List.of(s("release", o -> o.release(ID, F1)),
                s("pick short", o -> o.pick(ID, F1, List.of(new FulfillmentLine(L1, 1)))), s("pack", o -> o.pack(ID, F1)),
                s("ship", o -> o.ship(ID, F1)), s("deliver", o -> o.deliver(ID, F1, false)),
                s("fillBackorders", o -> o.fillBackorders(ID))), ship(F2))});
        j.add(new Object[] {"restCancelled", concat(start(2, false), List.of(s("release", o -> o.release(ID, F1)),
                s("pick short", o -> o.pick(ID, F1, List.of(new FulfillmentLine(L1, 1)))), s("pack", o -> o.pack(ID, F1)),
                s("ship", o -> o.ship(ID, F1)), s("deliver", o -> o.deliver(ID, F1, false)),
                new Step("cancelLine", false, o -> o.cancelLine(ID, L1, 1, Initiator.MERCHANT, "oos"))))});
        j.add(new Object[] {"returnRefund", concat(start(2, false), ship(F1), List.of(
                s("request", o -> o.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "x")))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("close", o -> o.closeReturn(ID, R1, Resolution.REFUND))))});
        j.add(new Object[] {"returnRejected", concat(start(2, false), ship(F1), List.of(
                s("request", o -> o.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "x")))),
                s("reject", o -> o.rejectReturn(ID, R1, "no"))))});
        for (long price : new long[] {1_500, 700}) {
            j.add(new Object[] {"exchange" + price, concat(start(2, false), ship(F1), exchange(price), ship(F2),
                    List.of(s("close", o -> o.closeReturn(ID, R1, Resolution.EXCHANGE))))});
            j.add(new Object[] {"exchangeRejected" + price, concat(start(2, false), ship(F1), List.of(
                    s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                            List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(price, "USD"), null)))),
                    s("reject", o -> o.rejectReturn(ID, R1, "no"))))});
        }
        j.add(new Object[] {"exchangePartlyReceived", concat(start(2, false), ship(F1), List.of(
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 2, Money.ofMinor(1_200, "USD"), null)))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("route X", o -> o.route(ID))), ship(F2), List.of(
                s("close", o -> o.closeReturn(ID, R1, Resolution.EXCHANGE)),
                s("retryAuthorization", o -> o.retryAuthorization(ID)),
                s("resume", o -> o.resume(ID))))});
        j.add(new Object[] {"exchangeReplacementCancelled", concat(start(2, false), ship(F1), List.of(
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("cancel X", false, o -> o.cancelLine(ID, X1, 1, Initiator.CUSTOMER, "x")),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("close", o -> o.closeReturn(ID, R1, Resolution.REFUND))))});
        j.add(new Object[] {"exchangeShippedThenRejected", concat(start(1, false), ship(F1), List.of(
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)))),
                s("route X", o -> o.route(ID))), ship(F2), List.of(
                s("reject", o -> o.rejectReturn(ID, R1, "no")),
                s("retryAuthorization", o -> o.retryAuthorization(ID))))});
        j.add(new Object[] {"cheaperExchangeCancelledLate", concat(start(1, false), ship(F1), List.of(
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(600, "USD"), null)))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("close", o -> o.closeReturn(ID, R1, Resolution.EXCHANGE)),
                new Step("cancel X", false, o -> o.cancelLine(ID, X1, 1, Initiator.MERCHANT, "oos"))))});
        Step cl1 = new Step("cancelLine#1", false, o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x"));
        Step cl2 = new Step("cancelLine#2", false, o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x"));
        List<Step> shortShip = List.of(s("release", o -> o.release(ID, F1)),
                s("pick short", o -> o.pick(ID, F1, List.of(new FulfillmentLine(L1, 1)))), s("pack", o -> o.pack(ID, F1)),
                s("ship", o -> o.ship(ID, F1)), s("deliver", o -> o.deliver(ID, F1, false)));
        j.add(new Object[] {"twoCancelsThenVerify", concat(start(4, false), List.of(cl1, cl2,
                s("verify again", o -> o.verify(ID))), ship(F1))});
        j.add(new Object[] {"twoCancelsThenRetryAuth", concat(start(4, false), List.of(cl1, cl2,
                s("retryAuthorization", o -> o.retryAuthorization(ID))), ship(F1))});
        j.add(new Object[] {"twoCancelsThenHold", concat(start(4, false), List.of(cl1, cl2,
                s("hold", o -> o.placeHold(ID, HoldId.of("H9"), HoldType.MANUAL, "x", "ops")),
                s("releaseHold", o -> o.releaseHold(ID, HoldId.of("H9"), "ops"))), ship(F1))});
        j.add(new Object[] {"shortShipTwoCancelsThenExchange", concat(start(3, false), shortShip, List.of(cl1, cl2,
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_500, "USD"), null)))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("route X", o -> o.route(ID))), ship(F2), List.of(
                s("close", o -> o.closeReturn(ID, R1, Resolution.EXCHANGE))))});
        j.add(new Object[] {"shortShipTwoCancelsThenReturn", concat(start(3, false), shortShip, List.of(cl1, cl2,
                s("request", o -> o.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "x")))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("close", o -> o.closeReturn(ID, R1, Resolution.REFUND))))});
        j.add(new Object[] {"shortShipTwoCancelsThenPartialCancel", concat(start(4, false), shortShip, List.of(cl1, cl2,
                new Step("cancelLine#3", false, o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x"))))});
        j.add(new Object[] {"confirmHeld", List.of(s("place", o -> o.place(order(1, false))),
                s("hold", o -> o.placeHold(ID, HoldId.of("H1"), HoldType.MANUAL, "check", "ops")),
                s("verify", o -> o.verify(ID)), s("confirm", o -> o.confirm(ID, "ops")),
                s("releaseHold", o -> o.releaseHold(ID, HoldId.of("H1"), "ops")), s("route", o -> o.route(ID)),
                s("release", o -> o.release(ID, F1)), s("pick", o -> o.pick(ID, F1, List.of())),
                s("pack", o -> o.pack(ID, F1)), s("ship", o -> o.ship(ID, F1)), s("deliver", o -> o.deliver(ID, F1, false)))});
        return j;
    }

    /** Fails the first {@code attempts} calls of the k-th distinct payment key. */
    static final class KthKey {
        final Set<String> seen = new HashSet<>();
        final int k;
        String chosen;

        KthKey(int k) {
            this.k = k;
        }

        synchronized boolean test(String key) {
            if (seen.add(key) && seen.size() == k) {
                chosen = key;
            }
            return key.equals(chosen);
        }
    }

    record Run(String problem, int keys) {
    }

    static Run run(List<Step> steps, CapturePolicy policy, int k, Failure failure, int attempts, Strategy strategy) {
        EngineFixture fx = new EngineFixture();
        fx.stock(EngineFixture.EAST, "SKU-A", 10);
        fx.stock(EngineFixture.EAST, "SKU-B", 10);
        fx.stock(EngineFixture.STORE, "SKU-A", 10);
        OrderService oms = fx.engine(EngineConfig.defaults().withCapturePolicy(policy), EngineFixture.PortWrapper.NONE);
        KthKey kth = new KthKey(k);
        fx.payments.failFirstAttempts(kth::test, attempts, failure);
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.call().accept(oms);
                String p = moves(step.name()) ? afterStep(fx) : null;
                if (p != null && problems.stream().noneMatch(x -> x.startsWith("after "))) {
                    problems.add("after " + step.name() + ": " + p);
                }
            } catch (ProviderException e) {
                if (strategy == Strategy.REPEAT && step.repeatable()) {
                    boolean done = false;
                    for (int i = 0; i < 5 && !done; i++) {
                        try {
                            step.call().accept(oms);
                            done = true;
                        } catch (ProviderException again) {
                            // once more
                        } catch (OmsException rejected) {
                            problems.add("repeat of " + step.name() + " rejected: " + rejected.getMessage());
                            done = true;
                        }
                    }
                } else if (strategy != Strategy.NEXT) {
                    resume(oms);
                    if (step.repeatable()) {
                        try {
                            step.call().accept(oms); // resumed, the host retries the call
                        } catch (ProviderException again) {
                            resume(oms);
                        } catch (OmsException rejected) {
                            problems.add("retry of " + step.name() + " after resume rejected: " + rejected.getMessage());
                        }
                    }
                } else {
                    skipped.add(step.name() + "(threw)");
                }
            } catch (OmsException other) {
                if (strategy == Strategy.NEXT) {
                    skipped.add(step.name() + "(refused)");
                    continue; // a step that depends on the failed one may be refused
                }
                problems.add(step.name() + " refused: " + other.getMessage());
            }
        }
        Step last = steps.get(steps.size() - 1);
        if (strategy == Strategy.NEXT && last.repeatable() && !skipped.isEmpty() && skipped.get(skipped.size() - 1).equals(last.name() + "(threw)")) {
            // the journey's last call threw: there is no next step; the host resumes and repeats it
            resume(oms);
            try {
                last.call().accept(oms);
            } catch (ProviderException again) {
                // resumed below
            } catch (OmsException rejected) {
                problems.add("repeat of last step " + last.name() + " after resume rejected: " + rejected.getMessage());
            }
        }
        if (strategy == Strategy.REPEAT && problems.isEmpty()) {
            // every call that threw was repeated until it went through: nothing should be left for resume
            for (String p : check(fx.orders.load(ID).orElseThrow(), fx.payments.totals(EngineFixture.USD), true)) {
                problems.add("before resume: " + p);
            }
        }
        OrderSnapshot end = resume(oms);
        SimulatedPaymentGateway.Totals money = fx.payments.totals(EngineFixture.USD);
        if (end == null) {
            problems.add("resume keeps failing");
        } else {
            problems.addAll(check(end, money, skipped.size() <= 1));
            if (!problems.isEmpty() && !skipped.isEmpty()) {
                problems.add("skipped " + skipped);
            }
        }
        return new Run(problems.isEmpty() ? null : String.join("; ", problems), kth.seen.size());
    }

    /** Whether the step's method moves money (the others are not expected to settle). */
    static boolean moves(String name) {
        String first = name.split(" ")[0];
        return !List.of("place", "route", "release", "pick", "pack", "ready", "approve", "request", "hold",
                "fillBackorders").contains(first);
    }

    /** After a call that went through: nothing owed back without a pending request; no open auth when closed. */
    static String afterStep(EngineFixture fx) {
        OrderSnapshot o = fx.orders.load(ID).orElse(null);
        if (o == null) {
            return null;
        }
        long pendingCapture = 0;
        long pendingRefund = 0;
        boolean pendingVoid = false;
        for (io.omskit.spi.model.PaymentRequest r : o.paymentRequests()) {
            if (r.type() == TransactionType.CAPTURE) {
                pendingCapture += r.amount().minorUnits();
            } else if (r.type() == TransactionType.REFUND) {
                pendingRefund += r.amount().minorUnits();
            } else if (r.type() == TransactionType.VOID) {
                pendingVoid = true;
            }
        }
        long net = OrderViews.sum(o.payments(), TransactionType.CAPTURE) + pendingCapture
                - OrderViews.sum(o.payments(), TransactionType.REFUND) - pendingRefund;
        long chargeable = OrderService.chargeable(o);
        if (net > chargeable && o.paymentRequests().isEmpty()) {
            return "owed back with nothing pending: net captured " + net + " > chargeable " + chargeable + " on " + o.status()
                    + " pending " + o.paymentRequests();
        }
        long open = OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(o.payments(), TransactionType.VOID) - OrderViews.sum(o.payments(), TransactionType.CAPTURE);
        if (o.status().terminal() && open > 0 && !pendingVoid && pendingCapture == 0) {
            return "authorization left open " + open + " on " + o.status() + " with nothing pending";
        }
        return null;
    }

    static OrderSnapshot resume(OrderService oms) {
        for (int i = 0; i < 6; i++) {
            try {
                return oms.resume(ID);
            } catch (ProviderException e) {
                // again
            }
        }
        return null;
    }

    static List<String> check(OrderSnapshot o, SimulatedPaymentGateway.Totals money, boolean journeyDone) {
        List<String> p = new ArrayList<>();
        if (!o.paymentRequests().isEmpty()) {
            p.add("pending " + o.paymentRequests());
        }
        if (OrderViews.sum(o.payments(), TransactionType.CAPTURE) != money.captured().minorUnits()
                || OrderViews.sum(o.payments(), TransactionType.REFUND) != money.refunded().minorUnits()
                || OrderViews.sum(o.payments(), TransactionType.VOID) != money.voided().minorUnits()
                || OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION) != money.authorized().minorUnits()) {
            p.add("ledger " + OrderViews.captured(o) + "/" + OrderViews.refunded(o) + " differs from provider " + money);
        }
        long net = money.captured().minorUnits() - money.refunded().minorUnits();
        long chargeable = OrderService.chargeable(o);
        if (net > chargeable || (o.status() == OrderStatus.COMPLETED && net != chargeable)) {
            p.add("net captured " + net + " vs chargeable " + chargeable + " on " + o.status());
        }
        long open = money.authorized().minorUnits() - money.voided().minorUnits() - money.captured().minorUnits();
        if (o.status().terminal() && open > 0) {
            p.add("authorization left open " + open + " on " + o.status());
        }
        if (journeyDone && o.status() != OrderStatus.COMPLETED && o.status() != OrderStatus.CANCELLED) {
            p.add("status " + o.status());
        }
        return p;
    }

    @Test
    void providerFailureAtEveryPaymentKey_eachKindAndStrategy_settlesExactly() {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Object[] j : journeys()) {
            String name = (String) j[0];
            @SuppressWarnings("unchecked") // built above as List<Step>
            List<Step> steps = (List<Step>) j[1];
            for (CapturePolicy policy : CapturePolicy.values()) {
                Run clean = run(steps, policy, Integer.MAX_VALUE, Failure.ERROR_BEFORE_APPLYING, 1, Strategy.REPEAT);
                if (clean.problem() != null) {
                    failures.add(name + " " + policy + " clean: " + clean.problem());
                    continue;
                }
                for (int k = 1; k <= clean.keys(); k++) {
                    for (Failure failure : new Failure[] {Failure.ERROR_BEFORE_APPLYING, Failure.ERROR_AFTER_APPLYING,
                            Failure.TIMEOUT_AFTER_APPLYING}) {
                        for (int attempts = 1; attempts <= 3; attempts++) {
                            for (Strategy strategy : Strategy.values()) {
                                if (strategy == Strategy.RESUME && name.startsWith("exchangeRejected")) {
                                    // resume routes the replacement, which the rejection then charges (documented);
                                    // this journey never ships it
                                    continue;
                                }
                                Run r = run(steps, policy, k, failure, attempts, strategy);
                                runs++;
                                if (r.problem() != null) {
                                    failures.add(name + " " + policy + " key#" + k + " " + failure + " x" + attempts
                                            + " " + strategy + ": " + r.problem());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(failures).as("%d runs", runs).isEmpty();
    }
}
