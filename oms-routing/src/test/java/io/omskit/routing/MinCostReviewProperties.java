package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Review of min_cost's pass 15 (sorted lineStats, sortByShip, the pair certificate over that order): instances
 * FastPathsProperties does not generate (2 to 7 and exactly 63 to 66 candidates, 7 to 64 lines, SKUs listed with 0
 * units, every candidate at one place and one cost, shipment bounds that overflow to infinity): the fast plan equals the
 * plain one, and the router's (reused scratches, its own build) equals it too.
 */
class MinCostReviewProperties {
    private static final int[] LOCS = {2, 3, 5, 7, 63, 64, 65, 66};
    private static final int[] SKUS = {1, 2, 6, 7, 12, 40, 63, 64};

    private static RoutingPlan plan(RoutingRequest r, boolean fast) {
        return plan(r, fast, new MinCost.Scratch());
    }

    private static RoutingPlan plan(RoutingRequest r, boolean fast, MinCost.Scratch scratch) {
        Problem.Built b = Problem.build(r, Problem.Taken.NONE, true, NetworkIndex.of(r.locations()), !fast);
        if (b.error != null) {
            return Plans.invalid(r, b.error);
        }
        return new MinCost(20_000L, fast).route(b.problem, "min_cost", scratch);
    }

    static RoutingRequest instance(long seed) {
        Random rnd = new Random(seed);
        int nLoc = LOCS[rnd.nextInt(LOCS.length)];
        int nSku = SKUS[rnd.nextInt(SKUS.length)];
        int costMode = rnd.nextInt(4);
        GeoPoint dest = new GeoPoint(40.0, -100.0);
        List<RoutingLine> lines = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < nSku; s++) {
            int q = 1 + rnd.nextInt(3);
            total += q;
            lines.add(new RoutingLine(Sku.of("S" + s), q));
        }
        double listP = rnd.nextDouble() * 0.8 + 0.1;
        List<CandidateLocation> locs = new ArrayList<>();
        Map<Sku, Integer> previous = null;
        for (int k = 0; k < nLoc; k++) {
            Map<Sku, Integer> stock = new HashMap<>();
            boolean empty = rnd.nextInt(6) == 0;
            for (int s = 0; s < nSku; s++) {
                if (rnd.nextDouble() < listP) {
                    stock.put(Sku.of("S" + s), empty ? 0 : rnd.nextInt(6));
                }
            }
            if (stock.isEmpty()) {
                stock.put(Sku.of("S" + rnd.nextInt(nSku)), empty ? 0 : 1 + rnd.nextInt(5));
            }
            // a third of the time the previous candidate's map itself (immutable: CandidateLocation keeps it, as the
            // engine's shared maps), with its own reserved and safety stock: the direct build's skipped look-up
            stock = previous != null && rnd.nextInt(3) == 0 ? previous : Map.copyOf(stock);
            previous = stock;
            GeoPoint pos;
            double fixed;
            double unit;
            switch (costMode) {
                case 0: // one place, one cost: every bound ties
                    pos = dest;
                    fixed = 1.0;
                    unit = 0.1;
                    break;
                case 1: // a few distinct costs
                    pos = rnd.nextBoolean() ? dest : new GeoPoint(40.5, -100.5);
                    fixed = 1.0 + rnd.nextInt(3) * 0.5;
                    unit = rnd.nextInt(2) * 0.05;
                    break;
                case 2: // some bounds overflow to +inf (per-km cost near the largest double)
                    pos = rnd.nextInt(3) == 0 ? dest
                            : new GeoPoint(40.0 + rnd.nextDouble() * 2, -100.0 + rnd.nextDouble() * 2);
                    fixed = rnd.nextInt(4) == 0 ? Double.MAX_VALUE / 2 : 1.0 + rnd.nextInt(20) * 0.25;
                    unit = rnd.nextInt(6) * 0.05;
                    break;
                default:
                    pos = rnd.nextInt(4) == 0 ? null
                            : new GeoPoint(40.0 + rnd.nextDouble() * 2, -100.0 + rnd.nextDouble() * 2);
                    fixed = 1.0 + rnd.nextInt(40) * 0.25;
                    unit = rnd.nextInt(6) * 0.05;
                    break;
            }
            int cap = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(total + 1) : Integer.MAX_VALUE;
            Map<Sku, Integer> reserved = rnd.nextInt(5) == 0 && !stock.isEmpty()
                    ? Map.of(stock.keySet().iterator().next(), 1) : Map.of();
            locs.add(new CandidateLocation(LocationId.of("L" + k), pos, rnd.nextInt(3), rnd.nextInt(20) != 0, false,
                    stock, reserved, rnd.nextInt(8) == 0 ? 1 : 0, unit, fixed, cap));
        }
        int max = rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : 1 + rnd.nextInt(4);
        double perKm = costMode == 2 ? Double.MAX_VALUE / 4 : 0.01;
        return new RoutingRequest("min_cost", locs, lines, dest, Set.of(), null,
                new RoutingOptions(rnd.nextInt(5) == 0, max, false), new CostModel(1.0, perKm, 0.002, 5.0));
    }

    @Test
    void minCost_instancesFastPathsPropertiesDoesNotGenerate_fastPlanIsThePlainPlan() {
        Router router = Router.withNodeBudget(20_000L);
        int[] seen = new int[4]; // single certificate, pair certificate, single after pairs, 63 to 66 candidates
        qt().withFixedSeed(20261127L).withExamples(600).forAll(longs().all()).checkAssert(seed -> {
            RoutingRequest r = instance(seed);
            RoutingPlan plain = plan(r, false);
            MinCost.Scratch sc = new MinCost.Scratch();
            assertThat(plan(r, true, sc)).as("seed %s", seed).isEqualTo(plain);
            seen[0] += sc.certified ? 1 : 0;
            seen[1] += sc.pairCertified ? 1 : 0;
            seen[2] += sc.singleAfterPairs ? 1 : 0;
            seen[3] += (sc.pairCertified || sc.singleAfterPairs) && r.locations().size() >= 63 ? 1 : 0;
            assertThat(router.route(r)).as("router, seed %s", seed).isEqualTo(plain);
        });
        assertThat(java.util.Arrays.stream(seen).min().getAsInt()).as("single, pair, single after pairs, pairs over 63 to 66 candidates: %s", java.util.Arrays.toString(seen)).isGreaterThan(2);
    }
}
