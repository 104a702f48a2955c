package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.OrderServiceFaultSweepReviewTest.Step;
import io.omskit.core.OrderServiceFaultSweepReviewTest.Strategy;
import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.port.InventoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Review sweep of stock: (journey, k-th mutating inventory call, failure before/after applying, host strategy);
 * checks conservation and that the inventory's reservations match the order's open fulfillments.
 */
class OrderServiceStockSweepReviewTest {
    static final io.omskit.spi.model.OrderId ID = OrderServiceFaultSweepReviewTest.ID;
    static final Set<String> MUTATING = Set.of("reserve", "release", "consume", "restock");

    static Step s(String name, java.util.function.Consumer<OrderService> call) {
        return new Step(name, true, call);
    }

    static List<Object[]> journeys() {
        List<Object[]> j = new ArrayList<>(OrderServiceFaultSweepReviewTest.journeys());
        var L1 = OrderServiceFaultSweepReviewTest.L1;
        var R1 = OrderServiceFaultSweepReviewTest.R1;
        var F1 = OrderServiceFaultSweepReviewTest.F1;
        List<Step> ret = List.of(
                s("request", o -> o.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "x")))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive1", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("inspect1", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK)),
                new Step("receive2", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 1)))),
                s("inspect2", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK)),
                s("inspect3", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK)),
                s("close", o -> o.closeReturn(ID, R1, io.omskit.spi.model.Resolution.REFUND)));
        j.add(new Object[] {"returnRestockedTwice", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(2, false), OrderServiceFaultSweepReviewTest.ship(F1), ret)});
        j.add(new Object[] {"failedThenLost", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(2, false), List.of(s("release", o -> o.release(ID, F1)),
                        s("pick", o -> o.pick(ID, F1, List.of())), s("pack", o -> o.pack(ID, F1)),
                        s("ship", o -> o.ship(ID, F1)), s("fail", o -> o.failDelivery(ID, F1, "away")),
                        s("lost", o -> o.declareLost(ID, F1, "gone"))))});
        j.add(new Object[] {"cancelAfterRelease", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(3, false), List.of(s("release", o -> o.release(ID, F1)),
                        new Step("cancelLine", false, o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x")),
                        s("pick", o -> o.pick(ID, F1, List.of())), s("pack", o -> o.pack(ID, F1)), s("ship", o -> o.ship(ID, F1)),
                        s("deliver", o -> o.deliver(ID, F1, false))))});
        j.add(new Object[] {"cancelBeforeAllocation", List.of(s("place", o -> o.place(OrderServiceFaultSweepReviewTest.order(3, false))),
                s("verify", o -> o.verify(ID)),
                new Step("cancelLine", false, o -> o.cancelLine(ID, L1, 1, Initiator.CUSTOMER, "x")),
                s("route", o -> o.route(ID)), s("release", o -> o.release(ID, F1)),
                s("pick", o -> o.pick(ID, F1, List.of())), s("pack", o -> o.pack(ID, F1)),
                s("ship", o -> o.ship(ID, F1)), s("deliver", o -> o.deliver(ID, F1, false)))});
        j.add(new Object[] {"backorderFilled", List.of(s("place", o -> o.place(orderC(3))),
                s("verify", o -> o.verify(ID)), s("route", o -> o.route(ID)),
                s("replenish", o -> FX.get().stock(EngineFixture.EAST, "SKU-C", 6)),
                s("fillBackorders", o -> o.fillBackorders(ID)),
                new Step("cancelLine", false, o -> o.cancelLine(ID, LC, 1, Initiator.CUSTOMER, "x")),
                s("release F1", o -> o.release(ID, F1)), s("pick F1", o -> o.pick(ID, F1, List.of())),
                s("pack F1", o -> o.pack(ID, F1)), s("ship F1", o -> o.ship(ID, F1)),
                s("release F2", o -> o.release(ID, OrderServiceFaultSweepReviewTest.F2)),
                s("pick F2", o -> o.pick(ID, OrderServiceFaultSweepReviewTest.F2, List.of())),
                s("pack F2", o -> o.pack(ID, OrderServiceFaultSweepReviewTest.F2)),
                s("ship F2", o -> o.ship(ID, OrderServiceFaultSweepReviewTest.F2)))});
        j.add(new Object[] {"unsellableThenRestock", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(2, false), OrderServiceFaultSweepReviewTest.ship(F1), List.of(
                s("request", o -> o.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "x")))),
                s("approve", o -> o.approveReturn(ID, R1)),
                new Step("receive", false, o -> o.receiveReturn(ID, R1, EngineFixture.EAST,
                        List.of(new OrderCommand.ReceivedItem(L1, 2)))),
                s("inspectU", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.UNSELLABLE)),
                s("inspectR", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK)),
                s("inspectR2", o -> o.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK))))});
        j.add(new Object[] {"exchangeRoutedThenCancelled", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(1, false), OrderServiceFaultSweepReviewTest.ship(F1), List.of(
                s("exchange", o -> o.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "colour")),
                        List.of(new LineSpec(OrderServiceFaultSweepReviewTest.X1, Sku.of("SKU-B"), 1, Money.ofMinor(1_000, "USD"), null)))),
                s("route X", o -> o.route(ID)),
                s("release X", o -> o.release(ID, OrderServiceFaultSweepReviewTest.F2)),
                new Step("cancel X", false, o -> o.cancelLine(ID, OrderServiceFaultSweepReviewTest.X1, 1, Initiator.CUSTOMER, "x")),
                s("reject", o -> o.rejectReturn(ID, R1, "no"))))});
        j.add(new Object[] {"pickupCancelledWhenReady", OrderServiceFaultSweepReviewTest.concat(
                OrderServiceFaultSweepReviewTest.start(2, true), List.of(s("release", o -> o.release(ID, F1)),
                        s("pick", o -> o.pick(ID, F1, List.of(new FulfillmentLine(L1, 1)))), s("pack", o -> o.pack(ID, F1)),
                        s("ready", o -> o.readyForPickup(ID, F1)),
                        s("cancel", o -> o.cancel(ID, Initiator.CUSTOMER, "x"))))});
        j.add(new Object[] {"contended", List.of(s("place", o -> o.place(orderC(2))), s("verify", o -> o.verify(ID)),
                s("arm", o -> {
                    AtomicInteger once = new AtomicInteger();
                    o.onEvents(e -> {
                        if (e instanceof io.omskit.spi.event.FulfillmentCreated && once.getAndIncrement() == 0) {
                            FX.get().inventory.reserve("other", EngineFixture.EAST, Map.of(Sku.of("SKU-C"), 1));
                        }
                    });
                }),
                s("route", o -> o.route(ID)),
                s("free", o -> FX.get().inventory.release("free-1", "other", Map.of(Sku.of("SKU-C"), 1))),
                s("replenish", o -> FX.get().stock(EngineFixture.EAST, "SKU-C", 3)),
                s("fillBackorders", o -> o.fillBackorders(ID)),
                s("release F2", o -> o.release(ID, OrderServiceFaultSweepReviewTest.F2)),
                s("pick F2", o -> o.pick(ID, OrderServiceFaultSweepReviewTest.F2, List.of(new FulfillmentLine(LC, 1)))),
                s("fillBackorders2", o -> o.fillBackorders(ID)),
                new Step("cancelLine", false, o -> o.cancelLine(ID, LC, 1, Initiator.CUSTOMER, "x")),
                s("pack F2", o -> o.pack(ID, OrderServiceFaultSweepReviewTest.F2)),
                s("ship F2", o -> o.ship(ID, OrderServiceFaultSweepReviewTest.F2)))});
        return j;
    }

    static final ThreadLocal<EngineFixture> FX = new ThreadLocal<>();
    static final io.omskit.spi.model.LineId LC = io.omskit.spi.model.LineId.of("O-1-L1");

    static PlaceOrder orderC(int units) {
        io.omskit.spi.model.Address to = io.omskit.spi.model.Address.at("New York", "US", EngineFixture.NEW_YORK);
        return new PlaceOrder(ID, io.omskit.spi.model.Channel.of(io.omskit.spi.model.ChannelType.WEB), "ext-1", null, null,
                EngineFixture.USD, to, to, null, null,
                List.of(new LineSpec(LC, Sku.of("SKU-C"), units, Money.ofMinor(1_000, "USD"), null)));
    }

    /** Throws on the k-th mutating inventory call, before or after the real call. */
    static EngineFixture.PortWrapper failKth(int k, boolean after, AtomicInteger count) {
        return EngineFixture.PortWrapper.around(InventoryStore.class, (m, args, proceed) -> {
            if (!MUTATING.contains(m)) {
                return proceed.call();
            }
            int n = count.incrementAndGet();
            if (n == k && !after) {
                throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "injected before " + m);
            }
            Object r = proceed.call();
            if (n == k) {
                throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "injected after " + m);
            }
            return r;
        });
    }

    record Run(String problem, int calls, InMemoryInventoryStore.Totals totals) {
    }

    static Run run(List<Step> steps, int k, boolean after, Strategy strategy, boolean crash) {
        EngineFixture fx = new EngineFixture();
        fx.stock(EngineFixture.EAST, "SKU-A", 10);
        fx.stock(EngineFixture.EAST, "SKU-B", 10);
        fx.stock(EngineFixture.STORE, "SKU-A", 10);
        fx.stock(EngineFixture.EAST, "SKU-C", 1);
        FX.set(fx);
        AtomicInteger count = new AtomicInteger();
        OrderService oms = fx.engine(EngineConfig.defaults(), failKth(k, after, count));
        List<String> problems = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.call().accept(oms);
            } catch (ProviderException e) {
                if (strategy == Strategy.REPEAT && step.repeatable()) {
                    try {
                        step.call().accept(oms);
                    } catch (OmsException again) {
                        problems.add("repeat of " + step.name() + ": " + again.getMessage());
                    }
                } else if (strategy != Strategy.NEXT) {
                    if (crash) {
                        oms = fx.engine(EngineConfig.defaults(), failKth(k, after, count));
                    }
                    OrderServiceFaultSweepReviewTest.resume(oms);
                    if (step.repeatable()) {
                        try {
                            step.call().accept(oms);
                        } catch (OmsException again) {
                            problems.add("retry of " + step.name() + " after resume: " + again.getMessage());
                        }
                    }
                }
            } catch (OmsException other) {
                if (strategy != Strategy.NEXT) {
                    problems.add(step.name() + " refused: " + other.getMessage());
                }
            }
        }
        if (strategy == Strategy.REPEAT && problems.isEmpty()) {
            problems.addAll(stock(fx).stream().map(p -> "before resume: " + p).toList());
        }
        OrderSnapshot end = OrderServiceFaultSweepReviewTest.resume(oms);
        OrderServiceFaultSweepReviewTest.resume(oms);
        if (end == null) {
            problems.add("resume keeps failing");
        }
        problems.addAll(stock(fx));
        return new Run(problems.isEmpty() ? null : String.join("; ", problems), count.get(), fx.inventory.totals());
    }

    /** The stock invariants: conservation, consumed = shipped units, reservations = open fulfillments' units. */
    static List<String> stock(EngineFixture fx) {
        List<String> p = new ArrayList<>();
        OrderSnapshot o = fx.orders.load(ID).orElse(null);
        InMemoryInventoryStore.Totals t = fx.inventory.totals();
        if (!t.conserved()) {
            p.add("not conserved " + t);
        }
        if (o == null) {
            return p;
        }
        long shipped = 0;
        for (Bucket b : new Bucket[] {Bucket.SHIPPED, Bucket.DELIVERED, Bucket.PICKED_UP, Bucket.RETURN_REQUESTED,
                Bucket.RETURNED, Bucket.LOST}) {
            shipped += o.units(b);
        }
        if (t.consumed() != shipped) {
            p.add("consumed " + t.consumed() + " but shipped/collected " + shipped);
        }
        Map<String, Integer> expected = new TreeMap<>();
        for (Fulfillment f : o.fulfillments()) {
            FulfillmentStatus st = f.status();
            boolean open = st == FulfillmentStatus.PLANNED || st == FulfillmentStatus.RELEASED
                    || st == FulfillmentStatus.PICKING || st == FulfillmentStatus.PACKED
                    || st == FulfillmentStatus.READY_FOR_PICKUP;
            if (open) {
                for (FulfillmentLine l : f.lines()) {
                    expected.merge(f.location().value() + "/" + o.line(l.lineId()).orElseThrow().sku().value(),
                            l.quantity(), Integer::sum);
                }
            }
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Map.Entry<LocationId, Map<Sku, StockLevel>> e : fx.inventory.snapshot().entrySet()) {
            for (Map.Entry<Sku, StockLevel> s : e.getValue().entrySet()) {
                if (s.getValue().reserved() != 0) {
                    actual.put(e.getKey().value() + "/" + s.getKey().value(), s.getValue().reserved());
                }
                if (s.getValue().onHand() < 0 || s.getValue().reserved() < 0) {
                    p.add("negative " + e.getKey() + "/" + s.getKey() + " " + s.getValue());
                }
            }
        }
        if (!expected.equals(actual)) {
            p.add("reserved " + actual + " but open fulfillments hold " + expected + " (status " + o.status() + ")");
        }
        return p;
    }

    @Test
    void inventoryFailureAtEveryMutatingCall_eachStrategy_keepsStockExact() {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Object[] j : journeys()) {
            String name = (String) j[0];
            @SuppressWarnings("unchecked") // built as List<Step>
            List<Step> steps = (List<Step>) j[1];
            Run clean = run(steps, Integer.MAX_VALUE, false, Strategy.REPEAT, false);
            if (clean.problem() != null) {
                failures.add(name + " clean: " + clean.problem());
                continue;
            }
            for (int k = 1; k <= clean.calls(); k++) {
                for (boolean after : new boolean[] {false, true}) {
                    for (int si = 0; si < 4; si++) {
                        Strategy strategy = si == 3 ? Strategy.RESUME : Strategy.values()[si];
                        boolean crash = si == 3;
                        Run r = run(steps, k, after, strategy, crash);
                        runs++;
                        if (r.problem() != null) {
                            failures.add(name + " call#" + k + (after ? " after" : " before") + " " + strategy + (crash ? "+crash" : "") + ": "
                                    + r.problem());
                        } else if (strategy != Strategy.NEXT && r.totals().restocked() != clean.totals().restocked()) {
                            failures.add(name + " call#" + k + (after ? " after" : " before") + " " + strategy
                                    + ": restocked " + r.totals().restocked() + " vs clean " + clean.totals().restocked());
                        }
                    }
                }
            }
        }
        failures.forEach(System.out::println);
        assertThat(failures).as("%d runs", runs).isEmpty();
    }
}
