package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import io.omskit.spi.port.RoutingRequest;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link MinCost#coverBounds}, the certificates' bound of plans of two or more and of three or more shipments:
 * exactly the least sum of shipment cost bounds over sets of that many holders covering every line (every subset
 * enumerated), never above the cheapest plan of that many shipping locations (every location set assigned exactly),
 * and, with a cap, the same value when the exact one is within the cap and above the cap when it is not.
 */
class CoverBoundProperties {

    /** One random instance's candidates, their chord bounds and the bound's inputs. */
    private static final class Case {
        final Problem exact;
        final int m;
        final int[] cand;
        final int nc;
        final double[] ship;
        final double[] lineMin;
        final double units;

        Case(RoutingRequest r) {
            Problem lazy = Problem.build(r, Problem.Taken.NONE, true, null, false).problem;
            exact = Problem.build(r, Problem.Taken.NONE, true, null, true).problem;
            m = lazy.m;
            int[] c = new int[lazy.n];
            int k = 0;
            for (int i = 0; i < lazy.n; i++) {
                if (lazy.anyAvail[i]) {
                    c[k++] = i;
                }
            }
            cand = c;
            nc = k;
            ship = new double[Math.max(1, k)];
            double[] unit = new double[Math.max(1, k)];
            lazy.chordCosts(cand, nc, ship, unit);
            lineMin = new double[m];
            double u = 0;
            for (int s = 0; s < m; s++) {
                double f = Double.POSITIVE_INFINITY;
                double cu = Double.POSITIVE_INFINITY;
                for (int q = 0; q < nc; q++) {
                    if (lazy.avail[cand[q] * m + s] > 0) {
                        f = Math.min(f, ship[q]);
                        cu = Math.min(cu, unit[q]);
                    }
                }
                lineMin[s] = f;
                u += lazy.demand[s] * cu;
            }
            units = u;
        }

        /** The bound of two or more (index 0) and of three or more (index 1) with that cap. */
        double[] bounds(double cap) {
            MinCost.Scratch sc = new MinCost.Scratch();
            double two = MinCost.coverBounds(m, exact.avail, cand, nc, ship, lineMin, units, cap, sc);
            return new double[] {two, sc.coverThree};
        }

        /** The least sum of bounds over subsets of at least k candidates holding every line (+inf: none). */
        double enumerated(int k) {
            int full = (1 << m) - 1;
            double best = Double.POSITIVE_INFINITY;
            for (int mask = 1; mask < 1 << nc; mask++) {
                if (Integer.bitCount(mask) < k) {
                    continue;
                }
                int held = 0;
                double sum = 0;
                for (int q = 0; q < nc; q++) {
                    if ((mask & 1 << q) != 0) {
                        sum += ship[q];
                        for (int s = 0; s < m; s++) {
                            if (exact.avail[cand[q] * m + s] > 0) {
                                held |= 1 << s;
                            }
                        }
                    }
                }
                if (held == full) {
                    best = Math.min(best, sum);
                }
            }
            return best;
        }

        /**
         * The cheapest plans filling every line from at least two (index 0) and at least three (index 1) shipping
         * locations (every set assigned exactly; +inf: none).
         */
        double[] cheapestPlans() {
            Problem p = exact;
            Assigner a = new Assigner(p.m);
            int[] set = new int[p.n];
            double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            for (int mask = 0; mask < 1 << p.n; mask++) {
                int t = 0;
                for (int i = 0; i < p.n; i++) {
                    if ((mask & 1 << i) != 0) {
                        set[t++] = i;
                    }
                }
                if (t < 2) {
                    continue;
                }
                MinCostOracleTest.Filled f = MinCostOracleTest.filled(p, a, set, t);
                if (f != null && f.shipping() >= 2) {
                    best[0] = Math.min(best[0], f.cost());
                }
                if (f != null && f.shipping() >= 3) {
                    best[1] = Math.min(best[1], f.cost());
                }
            }
            return best;
        }
    }

    /** A random instance of 2 to 11 locations and 1 to COVER_MAX_LINES lines; null when it does not build. */
    private static Case randomCase(long seed) {
        Random rnd = new Random(seed);
        RoutingRequest r = Instances.random(rnd, "min_cost", 2 + rnd.nextInt(10),
                1 + rnd.nextInt(MinCost.COVER_MAX_LINES), 3, 4);
        if (Problem.build(r, Problem.Taken.NONE, true, null, false).error != null) {
            return null;
        }
        return new Case(r);
    }

    /** Equal within 1e-9, or both +inf. */
    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9;
    }

    @Nested
    class Exact {
        @Test
        void coverBounds_noCap_isTheLeastSumOverEveryCoveringSubsetOfThatSize() {
            qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
                Case c = randomCase(seed);
                if (c == null) {
                    return;
                }
                double[] b = c.bounds(Double.POSITIVE_INFINITY);
                double two = c.enumerated(2);
                double three = c.enumerated(3);
                assertThat(same(b[0], two)).as("seed %d, two or more: %s against %s", seed, b[0], two).isTrue();
                assertThat(same(b[1], three)).as("seed %d, three or more: %s against %s", seed, b[1], three).isTrue();
            });
        }
    }

    @Nested
    class Bound {
        @Test
        void coverBoundsPlusUnits_anyInstance_neverExceedTheCheapestPlanOfThatManyShipments() {
            qt().withExamples(600).forAll(longs().all()).checkAssert(seed -> {
                Case c = randomCase(seed);
                if (c == null) {
                    return;
                }
                double[] b = c.bounds(Double.POSITIVE_INFINITY);
                double[] plans = c.cheapestPlans();
                double two = plans[0];
                double three = plans[1];
                if (two < Double.POSITIVE_INFINITY) {
                    assertThat(b[0] + c.units).as("seed %d", seed).isLessThanOrEqualTo(two + 1e-9);
                }
                if (three < Double.POSITIVE_INFINITY) {
                    assertThat(b[1] + c.units).as("seed %d", seed).isLessThanOrEqualTo(three + 1e-9);
                }
            });
        }
    }

    @Nested
    class Cap {
        @Test
        void coverBounds_withCap_exactWithinItAndAboveItOtherwise() {
            qt().withExamples(1500).forAll(longs().all(), doubles().between(-3.0, 3.0)).checkAssert((seed, shift) -> {
                Case c = randomCase(seed);
                if (c == null) {
                    return;
                }
                double[] exact = c.bounds(Double.POSITIVE_INFINITY);
                // caps around the exact values, where pruning decides
                double base = exact[0] < Double.POSITIVE_INFINITY ? exact[0] + c.units : c.units + 10.0;
                double cap = base + shift;
                double[] capped = c.bounds(cap);
                for (int k = 0; k < 2; k++) {
                    if (exact[k] + c.units <= cap) {
                        assertThat(capped[k]).as("seed %d cap %s k %d", seed, cap, k).isEqualTo(exact[k]);
                    } else {
                        assertThat(capped[k] + c.units).as("seed %d cap %s k %d", seed, cap, k).isGreaterThan(cap);
                    }
                }
            });
        }
    }
}
