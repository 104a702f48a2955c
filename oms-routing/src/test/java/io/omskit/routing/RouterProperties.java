package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties every strategy keeps (R7.2-R7.5), and monotonicity of the min_cost optimum. */
class RouterProperties {
    private static final List<String> STRATEGIES = List.of("priority", "distance", "fewest_splits", "min_cost",
            "priority_whole_lines");
    private final Router router = Router.standard();

    /** A random request: (strategy index, number of locations, seed). */
    private static Gen<RoutingRequest> requests() {
        return integers().between(0, STRATEGIES.size() - 1).zip(integers().between(1, 12), longs().all(),
                (st, n, seed) -> {
                    Random rnd = new Random(seed);
                    return Instances.random(rnd, STRATEGIES.get(st), n, 1 + rnd.nextInt(4), 4, 6);
                });
    }

    @Nested
    class Feasibility {
        @Test
        void route_anyRequest_neverExceedsAvailabilityCapacityOrMaxShipments() {
            qt().withExamples(1500).forAll(requests()).checkAssert(r -> {
                RoutingPlan plan = router.route(r);
                assertThat(Instances.violation(r, plan)).as(RoutingJson.writeRequest(r)).isNull();
            });
        }

        @Test
        void route_anyRequest_allocatedPlusUnfilledEqualsDemand() {
            qt().withExamples(800).forAll(requests()).checkAssert(r -> {
                RoutingPlan plan = router.route(r);
                if (plan.status() == PlanStatus.REJECTED) {
                    assertThat(plan.allocations()).isEmpty();
                    return;
                }
                Map<Sku, Integer> sum = new HashMap<>();
                plan.allocations().forEach(a -> sum.merge(a.sku(), a.quantity(), Integer::sum));
                plan.unfilled().forEach(u -> sum.merge(u.sku(), u.quantity(), Integer::sum));
                Map<Sku, Integer> demand = new HashMap<>();
                r.lines().forEach(l -> demand.merge(l.sku(), l.quantity(), Integer::sum));
                assertThat(sum).isEqualTo(demand);
            });
        }
    }

    @Nested
    class Determinism {
        @Test
        void route_sameRequestTwice_givesEqualPlans() {
            qt().withExamples(500).forAll(requests()).checkAssert(r -> {
                RoutingRequest copy = RoutingJson.readRequest(RoutingJson.writeRequest(r));
                assertThat(router.route(copy)).isEqualTo(router.route(r));
            });
        }
    }

    @Nested
    class IndexedNetwork {
        @Test
        void route_sameLocationListAgain_indexedPathGivesTheSamePlan() {
            qt().withExamples(800).forAll(requests()).checkAssert(r -> {
                Router fresh = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET);
                RoutingPlan direct = fresh.route(r);
                RoutingPlan indexed = fresh.route(r);
                assertThat(indexed).isEqualTo(direct);
            });
        }

        @Test
        void build_takenStock_indexedPathReadsTheSameAvailabilityAndLineMasksAsTheDirectPath() {
            // the indexed path reads taken units by SKU first, the direct path by location first
            qt().withExamples(400).forAll(requests(), longs().all()).checkAssert((r, seed) -> {
                Random rnd = new Random(seed);
                Map<io.omskit.spi.model.LocationId, Map<Sku, int[]>> byLocation = new HashMap<>();
                Map<Sku, Map<String, int[]>> bySku = new HashMap<>();
                for (CandidateLocation c : r.locations()) {
                    for (Sku sku : c.stock().keySet()) {
                        if (rnd.nextInt(3) == 0) {
                            int[] cell = {rnd.nextInt(4)};
                            byLocation.computeIfAbsent(c.id(), k -> new HashMap<>()).putIfAbsent(sku, cell);
                            bySku.computeIfAbsent(sku, k -> new HashMap<>())
                                    .putIfAbsent(c.id().value(), byLocation.get(c.id()).get(sku));
                        }
                    }
                }
                Problem.Taken taken = new Problem.Taken() {
                    @Override
                    public Map<Sku, int[]> of(io.omskit.spi.model.LocationId location) {
                        return byLocation.get(location);
                    }

                    @Override
                    public Map<String, int[]> ofSku(Sku sku) {
                        return bySku.get(sku);
                    }
                };
                Problem.Built direct = Problem.build(r, taken, true, null, true);
                Problem.Built indexed = Problem.build(r, taken, true, NetworkIndex.of(r.locations()), true);
                assertThat(indexed.error).isEqualTo(direct.error);
                if (direct.error == null) {
                    Problem a = direct.problem;
                    Problem b = indexed.problem;
                    assertThat(b.n).isEqualTo(a.n);
                    // the indexed build's masks of lines with units (min_cost's pass 1 and per-line minima read
                    // them for the availability): bit s exactly where a unit of line s is available, no other bit
                    assertThat(a.lineMask).isNull();
                    assertThat(b.lineMask == null).isEqualTo(b.m > 64);
                    for (int i = 0; i < a.n; i++) {
                        assertThat(b.id(i)).isEqualTo(a.id(i));
                        assertThat(b.anyAvail[i]).as("candidate %d", i).isEqualTo(a.anyAvail[i]);
                        long mask = 0L;
                        for (int s = 0; s < a.m; s++) {
                            assertThat(b.avail[i * b.m + s]).as("candidate %d line %d", i, s)
                                    .isEqualTo(a.avail[i * a.m + s]);
                            if (a.avail[i * a.m + s] > 0) {
                                mask |= 1L << s;
                            }
                        }
                        if (b.lineMask != null) {
                            assertThat(b.lineMask[i]).as("candidate %d", i).isEqualTo(mask);
                        }
                    }
                }
            });
        }

        @Test
        void routeBatch_twoListsInTurn_equalsRoutingEachOrderOnTheStockLeft() {
            // A A A B B B A A A: the second and third order of each run read taken stock through the list's index
            // by position (kept for one list at a time, rebuilt when the list changes, updated in place by each
            // plan's takes); the reference subtracts what earlier plans took from each location's stock and routes
            // one order at a time on a new list
            qt().withExamples(150).forAll(integers().between(1, 8), longs().all()).checkAssert((n, seed) -> {
                Random rnd = new Random(seed);
                List<CandidateLocation> a = Instances.random(rnd, "min_cost", n, 3, 3, 6).locations();
                List<CandidateLocation> b = Instances.random(rnd, "min_cost", n, 3, 3, 6).locations();
                List<RoutingRequest> batch = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    RoutingRequest o = Instances.random(rnd, "min_cost", n, 3, 3, 6);
                    batch.add(new RoutingRequest("min_cost", (i / 3) % 2 == 0 ? a : b, o.lines(), o.destination(),
                            java.util.Set.of(), null, o.options(), o.costModel()));
                }
                List<RoutingPlan> plans = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET).routeBatch(batch);
                Map<String, Integer> taken = new HashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    RoutingRequest r = batch.get(i);
                    List<CandidateLocation> left = new ArrayList<>();
                    for (CandidateLocation c : r.locations()) {
                        Map<Sku, Integer> stock = new java.util.LinkedHashMap<>(c.stock());
                        stock.replaceAll((sku, q) -> Math.max(0,
                                q - taken.getOrDefault(c.id().value() + "/" + sku.value(), 0)));
                        left.add(new CandidateLocation(c.id(), c.position(), c.priority(), c.enabled(), c.pickup(),
                                stock, c.reserved(), c.safetyStock(), c.unitCost(), c.shipmentFixedCost(),
                                c.capacityUnits()));
                    }
                    RoutingPlan expected = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET).route(new RoutingRequest(
                            r.strategy(), left, r.lines(), r.destination(), r.excludedLocations(), null, r.options(),
                            r.costModel()));
                    RoutingPlan got = plans.get(i);
                    assertThat(got.status()).as("order %d", i).isEqualTo(expected.status());
                    assertThat(got.allocations()).as("order %d", i).isEqualTo(expected.allocations());
                    assertThat(got.cost()).as("order %d", i).isEqualTo(expected.cost());
                    if (got.status() != PlanStatus.REJECTED) {
                        for (io.omskit.spi.port.Allocation x : got.allocations()) {
                            taken.merge(x.location().value() + "/" + x.sku().value(), x.quantity(), Integer::sum);
                        }
                    }
                }
            });
        }

        @Test
        void routeBatch_sharedLocationList_matchesOneByOneWithTakenStock() {
            qt().withExamples(200).forAll(integers().between(1, 8), longs().all()).checkAssert((n, seed) -> {
                Random rnd = new Random(seed);
                RoutingRequest first = Instances.random(rnd, "min_cost", n, 2, 3, 6);
                List<RoutingRequest> batch = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    RoutingRequest o = Instances.random(rnd, STRATEGIES.get(rnd.nextInt(STRATEGIES.size())), n, 2, 3, 6);
                    batch.add(new RoutingRequest(o.strategy(), first.locations(), o.lines(), o.destination(),
                            first.excludedLocations(), null, o.options(), o.costModel()));
                }
                List<RoutingPlan> plans = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET).routeBatch(batch);
                Map<String, Integer> taken = new HashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    RoutingPlan p = plans.get(i);
                    if (p.status() == PlanStatus.REJECTED) {
                        continue;
                    }
                    for (io.omskit.spi.port.Allocation a : p.allocations()) {
                        int left = batch.get(i).locations().stream().filter(c -> c.id().equals(a.location()))
                                .findFirst().orElseThrow().available(a.sku())
                                - taken.getOrDefault(a.location() + "/" + a.sku(), 0);
                        assertThat(a.quantity()).as("order %d at %s", i, a.location()).isLessThanOrEqualTo(
                                p.status() == PlanStatus.OVERSOLD ? Integer.MAX_VALUE : left);
                        taken.merge(a.location() + "/" + a.sku(), a.quantity(), Integer::sum);
                    }
                }
            });
        }
    }

    @Nested
    class Monotonicity {
        @Test
        void minCost_addingStock_neverRaisesTheOptimalCost() {
            qt().withExamples(800).forAll(integers().between(1, 10), longs().all()).checkAssert((n, seed) -> {
                Random rnd = new Random(seed);
                RoutingRequest r = Instances.random(rnd, "min_cost", n, 1 + rnd.nextInt(4), 4, 6);
                RoutingPlan before = router.route(r);
                int at = rnd.nextInt(r.locations().size());
                Sku sku = r.lines().get(rnd.nextInt(r.lines().size())).sku();
                List<CandidateLocation> more = new ArrayList<>(r.locations());
                CandidateLocation c = more.get(at);
                Map<Sku, Integer> stock = new HashMap<>(c.stock());
                stock.merge(sku, 1 + rnd.nextInt(5), Integer::sum);
                more.set(at, new CandidateLocation(c.id(), c.position(), c.priority(), c.enabled(), c.pickup(), stock,
                        c.reserved(), c.safetyStock(), c.unitCost(), c.shipmentFixedCost(), c.capacityUnits()));
                RoutingPlan after = router.route(new RoutingRequest(r.strategy(), more, r.lines(), r.destination(),
                        r.excludedLocations(), r.pickupLocation(), r.options(), r.costModel()));
                if (before.status() != PlanStatus.REJECTED) {
                    assertThat(after.status()).isNotEqualTo(PlanStatus.REJECTED);
                    assertThat(after.cost().total()).isLessThanOrEqualTo(before.cost().total() + 1e-9);
                }
            });
        }
    }
}
