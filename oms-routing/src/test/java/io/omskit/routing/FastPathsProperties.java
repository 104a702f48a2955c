package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts taken for speed give exactly what the plain computation gives: the haversine with precomputed
 * trigonometry, the k-th smallest selection, the partial sorts and prefixes of min_cost, its lazy costs behind
 * chord lower bounds, and its reused node bounds.
 */
class FastPathsProperties {

    /**
     * Routes {@code r} with min_cost's fast path on a lazily costed indexed problem and with the plain one on an eagerly
     * costed one; asserts the same plan (runner-up and cost included) and the same certificate; returns both scratches
     * (fast, plain) for the callers' own checks.
     */
    private static MinCost.Scratch[] fastAndPlain(RoutingRequest r) {
        MinCost.Scratch fast = new MinCost.Scratch();
        MinCost.Scratch plain = new MinCost.Scratch();
        assertThat(plan(r, true, fast)).isEqualTo(plan(r, false, plain));
        assertThat(fast.certified).isEqualTo(plain.certified);
        return new MinCost.Scratch[] {fast, plain};
    }

    /** min_cost on {@code r} as the router builds it, with or without its fast paths, recording into {@code scratch}. */
    private static RoutingPlan plan(RoutingRequest r, boolean fast, MinCost.Scratch scratch) {
        Problem.Built b = Problem.build(r, Problem.Taken.NONE, true, NetworkIndex.of(r.locations()), !fast);
        if (b.error != null) {
            return Plans.invalid(r, b.error);
        }
        return new MinCost(20_000L, fast).route(b.problem, "min_cost", scratch);
    }

    @Nested
    class Distances {
        @Test
        void haversine_precomputedTrig_isBitForBitGeoPoint() {
            qt().withExamples(5000)
                    .forAll(doubles().between(-90, 90), doubles().between(-180, 180), doubles().between(-90, 90),
                            doubles().between(-180, 180))
                    .checkAssert((lat1, lon1, lat2, lon2) -> {
                        double p1 = Math.toRadians(lat1);
                        double p2 = Math.toRadians(lat2);
                        double fast = Problem.haversineKm(p1, Math.cos(p1), lon1, p2, Math.cos(p2), lon2);
                        double plain = GeoPoint.haversineKm(lat1, lon1, lat2, lon2);
                        assertThat(Double.doubleToRawLongBits(fast)).isEqualTo(Double.doubleToRawLongBits(plain));
                    });
        }
    }

    @Nested
    class Selection {
        @Test
        void select_anyRank_isTheKthSmallest() {
            qt().withExamples(2000)
                    .forAll(lists().of(integers().between(-20, 20)).ofSizeBetween(1, 300), integers().allPositive())
                    .checkAssert((xs, k0) -> {
                        double[] a = xs.stream().mapToDouble(x -> x / 4.0).toArray();
                        int k = k0 % a.length;
                        double[] sorted = a.clone();
                        Arrays.sort(sorted);
                        assertThat(MinCost.select(a.clone(), a.length, k)).isEqualTo(sorted[k]);
                    });
        }

        @Test
        void smallestScores_manyTies_areTheFirstOfTheFullOrder() {
            qt().withExamples(2000)
                    .forAll(lists().of(integers().between(0, 15)).ofSizeBetween(1, 300), integers().between(1, 40))
                    .checkAssert((xs, need) -> {
                        int r = xs.size();
                        double[] score = xs.stream().mapToDouble(x -> x * 0.5).toArray();
                        int[] rest = new int[r];
                        for (int q = 0; q < r; q++) {
                            rest[q] = q;
                        }
                        Integer[] full = new Integer[r];
                        for (int q = 0; q < r; q++) {
                            full[q] = q;
                        }
                        Arrays.sort(full, (a, b) -> {
                            int c = Double.compare(score[a], score[b]);
                            return c != 0 ? c : Integer.compare(a, b);
                        });
                        int[] in = rest.clone();
                        int[] got = MinCost.smallestScores(in, r, score, need);
                        if (got == in) {
                            // handed back whole, for the caller to sort: only for short lists or NaN scores
                            assertThat(r).isLessThanOrEqualTo(2 * need + 16);
                            return;
                        }
                        assertThat(got).hasSize(need);
                        for (int q = 0; q < need; q++) {
                            assertThat(got[q]).as("position %d", q).isEqualTo(full[q]);
                        }
                    });
        }
    }

    @Nested
    class ExcludedMap {
        @Test
        void toMap_idListedTwice_keepsTheLastReasonLikeAHashMap() {
            Exclusions ex = new Exclusions();
            ex.put(LocationId.of("A"), "disabled");
            ex.put(LocationId.of("B"), "excluded");
            ex.put(LocationId.of("A"), "capacity 0");
            assertThat(ex.toMap()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(LocationId.of("A"), "capacity 0", LocationId.of("B"), "excluded"));
        }

        @Test
        void toMap_manyIds_equalsTheHashMapOfThePuts() {
            qt().withExamples(300).forAll(lists().of(integers().between(0, 60)).ofSizeBetween(0, 200))
                    .checkAssert(xs -> {
                        Exclusions ex = new Exclusions();
                        Map<LocationId, String> expected = new HashMap<>();
                        for (int q = 0; q < xs.size(); q++) {
                            LocationId id = LocationId.of("L" + xs.get(q));
                            ex.put(id, "reason " + q);
                            expected.put(id, "reason " + q);
                        }
                        assertThat(ex.toMap()).isEqualTo(expected);
                    });
        }
    }

    @Nested
    class DominancePrefilter {
        @Test
        void supportAndUnits_aDominatesB_neverRejectThePair() {
            // any b, and a = b plus non-negative increments: the cheap tests must let the pair through
            qt().withExamples(2000)
                    .forAll(longs().all(), integers().between(1, 80))
                    .checkAssert((seed, m) -> {
                        Random rnd = new Random(seed);
                        int off = rnd.nextInt(3);
                        int[] a = new int[off + m];
                        int[] b = new int[off + m];
                        for (int s = 0; s < m; s++) {
                            b[off + s] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(4);
                            a[off + s] = b[off + s] + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
                        }
                        assertThat(MinCost.support(b, off, m) & ~MinCost.support(a, off, m)).isZero();
                        assertThat(MinCost.units(b, off, m)).isLessThanOrEqualTo(MinCost.units(a, off, m));
                    });
        }

        @Test
        void support_positiveLines_areExactlyTheBitsSet() {
            qt().withExamples(1000)
                    .forAll(longs().all(), integers().between(1, 64))
                    .checkAssert((seed, m) -> {
                        Random rnd = new Random(seed);
                        int[] a = new int[m];
                        long expected = 0L;
                        for (int s = 0; s < m; s++) {
                            a[s] = rnd.nextInt(3);
                            if (a[s] > 0) {
                                expected |= 1L << s;
                            }
                        }
                        assertThat(MinCost.support(a, 0, m)).isEqualTo(expected);
                    });
        }

        @Test
        void minCost_manyLines_prefilteredDominanceGivesThePlainPlan() {
            // more lines than the other properties (support masks with many bits), fast against plain
            qt().withExamples(150)
                    .forAll(longs().all(), integers().between(2, 40), integers().between(4, 10))
                    .checkAssert((seed, nLoc, nSku) -> {
                        RoutingRequest r = Instances.random(new Random(seed), "min_cost", nLoc, nSku, 2, 4);
                        Problem.Built fast = Problem.build(r, Problem.Taken.NONE, true,
                                NetworkIndex.of(r.locations()), false);
                        Problem.Built plain = Problem.build(r, Problem.Taken.NONE, true,
                                NetworkIndex.of(r.locations()), true);
                        if (fast.error != null) {
                            assertThat(plain.error).isEqualTo(fast.error);
                            return;
                        }
                        assertThat(new MinCost(20_000L, true).route(fast.problem, "min_cost"))
                                .isEqualTo(new MinCost(20_000L, false).route(plain.problem, "min_cost"));
                    });
        }
    }

    @Nested
    class PartialSorts {
        @Test
        void minCost_largeInstances_partialSortsGiveTheFullSortPlan() {
            qt().withExamples(120)
                    .forAll(longs().all(), integers().between(130, 400), integers().between(1, 4))
                    .checkAssert((seed, nLoc, nSku) -> {
                        RoutingRequest r = Instances.random(new Random(seed), "min_cost", nLoc, nSku, 3, 6);
                        assertThat(plan(r, true)).isEqualTo(plan(r, false));
                    });
        }

        @Test
        void minCost_benchmarkLikeNetwork_partialSortsGiveTheFullSortPlan() {
            Random rnd = new Random(42);
            for (int i = 0; i < 20; i++) {
                RoutingRequest r = Instances.random(rnd, "min_cost", 600, 2 + i % 3, 2, 40);
                assertThat(plan(r, true)).isEqualTo(plan(r, false));
            }
        }

        @Test
        void minCost_smallAndMediumInstances_shortcutsGiveThePlainPlan() {
            // the small prefix, the chord bounds with lazy costs and the reused node bounds of the search,
            // against eager costs, full sorts and a bound computed at every node
            qt().withExamples(600)
                    .forAll(longs().all(), integers().between(1, 90), integers().between(1, 6))
                    .checkAssert((seed, nLoc, nSku) -> {
                        RoutingRequest r = Instances.random(new Random(seed), "min_cost", nLoc, nSku, 3, 5);
                        assertThat(plan(r, true)).isEqualTo(plan(r, false));
                    });
        }

        @Test
        void minCost_oneNodeBudget_shortcutsGiveThePlainLowerBound() {
            // a search stopped at once reports its root lower bound (relaxed units + the cheapest shipments) in the
            // gap and the summary: a prefix or a pair of cheapest shipments found from too few exact costs shows
            qt().withExamples(500)
                    .forAll(longs().all(), integers().between(9, 90), integers().between(1, 6))
                    .checkAssert((seed, nLoc, nSku) -> {
                        RoutingRequest r = Instances.random(new Random(seed), "min_cost", nLoc, nSku, 3, 5);
                        assertThat(plan(r, true, 1L)).isEqualTo(plan(r, false, 1L));
                    });
        }

        /** The fast plan on a lazily costed problem; the plain one on an eagerly costed one. */
        private RoutingPlan plan(RoutingRequest r, boolean fast) {
            return plan(r, fast, 20_000L);
        }

        private RoutingPlan plan(RoutingRequest r, boolean fast, long budget) {
            Problem.Built b = Problem.build(r, Problem.Taken.NONE, true, NetworkIndex.of(r.locations()), !fast);
            if (b.error != null) {
                return Plans.invalid(r, b.error);
            }
            return new MinCost(budget, fast).route(b.problem, "min_cost");
        }
    }

    @Nested
    class CostText {
        @Test
        void appendCost_anyCost_writesWhatAppendingTheRoundedDoubleWrites() {
            qt().withExamples(20_000)
                    .forAll(doubles().between(-20.0, 30_000.0))
                    .checkAssert(x -> assertThat(Plans.appendCost(new StringBuilder(), x).toString())
                            .isEqualTo(String.valueOf(Math.round(x * 10_000.0) / 10_000.0)));
        }

        @Test
        void appendCost_everyTenThousandthNearTheEdges_writesWhatAppendingTheDoubleWrites() {
            // every rounded value below 20 and around the digit-by-digit limit, a stride through the rest, and the
            // special values (the fast path must give way to the conversion where the format changes)
            long limit = Plans.DIGITS_LIMIT;
            for (long k = 0; k < limit + 200_000; k = k < 200_000 || k > limit - 200_000 ? k + 1 : k + 9_973) {
                double x = k / 10_000.0;
                assertThat(Plans.appendCost(new StringBuilder(), x).toString()).as("k=%d", k)
                        .isEqualTo(String.valueOf(x));
            }
            for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                    0.00004999, 0.00005, 0.0009499, 0.00095, 9_999.99995, 9_999.999949, 1e300, -3.25}) {
                assertThat(Plans.appendCost(new StringBuilder(), x).toString()).as("x=%s", x)
                        .isEqualTo(String.valueOf(Math.round(x * 10_000.0) / 10_000.0));
            }
        }
    }

    @Nested
    class KeySorts {
        @Test
        void byKey_noRank_isTheStableSortByKey() {
            // byKey without ranks sorts min_cost's search positions by shipment cost over an order that is already
            // sorted by the rest of the key: it must be stable, with Double.compare's order (-0.0 before 0.0)
            qt().withExamples(2000)
                    .forAll(lists().of(integers().between(-3, 3)).ofSizeBetween(0, 70), longs().all())
                    .checkAssert((keys, seed) -> {
                        double[] key = new double[keys.size()];
                        for (int i = 0; i < key.length; i++) {
                            int k = keys.get(i);
                            key[i] = k == 0 && (seed >>> (i & 63) & 1) == 0 ? -0.0 : k;
                        }
                        int[] a = new int[key.length];
                        Integer[] expected = new Integer[key.length];
                        for (int i = 0; i < a.length; i++) {
                            a[i] = i;
                            expected[i] = i;
                        }
                        Arrays.sort(expected, (x, y) -> Double.compare(key[x], key[y]));
                        IntSort.byKey(a, a.length, key, null);
                        assertThat(Arrays.stream(a).boxed().toArray(Integer[]::new)).containsExactly(expected);
                    });
        }

        @Test
        void byKey_fewOrManyWithRanks_isTheStableSortByKeyThenRank() {
            // a few elements (sorted through the indices) and more (gathered keys): the same stable order, with
            // the keys or the ranks absent too
            qt().withExamples(3000)
                    .forAll(lists().of(integers().between(-2, 2)).ofSizeBetween(0, 30), longs().all())
                    .checkAssert((keys, seed) -> {
                        java.util.Random rnd = new java.util.Random(seed);
                        int n = keys.size() + 3;
                        double[] key = rnd.nextInt(4) == 0 ? null : new double[n];
                        int[] rank = rnd.nextInt(4) == 0 ? null : new int[n];
                        for (int i = 0; i < n; i++) {
                            int k = i < keys.size() ? keys.get(i) : 0;
                            if (key != null) {
                                key[i] = k == 0 && rnd.nextBoolean() ? -0.0 : k;
                            }
                            if (rank != null) {
                                rank[i] = rnd.nextInt(3);
                            }
                        }
                        // a permutation of some of the indices, sorted
                        int len = keys.size();
                        int[] a = new int[len + rnd.nextInt(3)];
                        Integer[] expected = new Integer[len];
                        List<Integer> perm = new java.util.ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            perm.add(i);
                        }
                        java.util.Collections.shuffle(perm, rnd);
                        for (int i = 0; i < len; i++) {
                            a[i] = perm.get(i);
                            expected[i] = perm.get(i);
                        }
                        Arrays.sort(expected, (x, y) -> {
                            int c = key == null ? 0 : Double.compare(key[x], key[y]);
                            return c != 0 ? c : rank == null ? 0 : Integer.compare(rank[x], rank[y]);
                        });
                        IntSort.byKey(a, len, key, rank);
                        assertThat(Arrays.stream(a, 0, len).boxed().toArray(Integer[]::new)).containsExactly(expected);
                    });
        }
    }

    /**
     * min_cost's certificate decides on chord bounds, which depend only on the request: the same plan (runner-up
     * included) with lazy or eager costs, with or without the network index, also where the exact costs would
     * decide otherwise.
     */
    @Nested
    class CertificatePaths {
        @Test
        void minCost_boundBetweenChordAndArc_decidesTheSameOnEveryPath() {
            // S ships the whole order at 2u; N (about 2,980 km away, 0.1 per km per shipment) has only X. Every
            // plan of two shipments costs at least u + 0.1 x N's distance: above 2u + EPS on the arc, below it on
            // the chord (the arc is about 27 km longer), so exact costs would certify S and chord bounds do not
            GeoPoint dest = new GeoPoint(40.0, -100.0);
            GeoPoint far = new GeoPoint(40.0, -65.0);
            double arc = GeoPoint.haversineKm(dest.lat(), dest.lon(), far.lat(), far.lon());
            double u = 0.1 * (arc - 10.0);
            Sku x = Sku.of("X");
            Sku y = Sku.of("Y");
            List<CandidateLocation> locs = List.of(
                    new CandidateLocation(LocationId.of("S"), dest, 1, true, false, Map.of(x, 1, y, 1), Map.of(), 0,
                            u, 0.0, Integer.MAX_VALUE),
                    new CandidateLocation(LocationId.of("N"), far, 1, true, false, Map.of(x, 1), Map.of(), 0,
                            0.0, 0.0, Integer.MAX_VALUE));
            RoutingRequest r = new RoutingRequest("min_cost", locs, List.of(new RoutingLine(x, 1),
                    new RoutingLine(y, 1)), dest, Set.of(), null, new RoutingOptions(false, Integer.MAX_VALUE, false),
                    new CostModel(0.0, 0.1, 0.0, 0.0));
            assertThat(0.1 * arc).isGreaterThan(u + 1e-9);
            RoutingPlan expected = null;
            for (int path = 0; path < 4; path++) {
                boolean indexed = path < 3;
                boolean fast = path != 1;
                Problem.Built b = Problem.build(r, Problem.Taken.NONE, true,
                        indexed ? NetworkIndex.of(r.locations()) : null, path == 1 || path == 3);
                MinCost.Scratch scratch = new MinCost.Scratch();
                if (path == 2) {
                    b.problem.cost(0); // costs S's exact cost before the search (as the first pass does)
                    b.problem.cost(1);
                }
                RoutingPlan plan = new MinCost(20_000L, fast).route(b.problem, "min_cost", scratch);
                assertThat(scratch.certified).as("path %d", path).isFalse();
                assertThat(plan.explanation().chosen()).containsExactly(LocationId.of("S"));
                assertThat(plan.explanation().runnerUp()).containsExactlyInAnyOrder(LocationId.of("S"),
                        LocationId.of("N"));
                if (expected == null) {
                    expected = plan;
                } else {
                    assertThat(plan).as("path %d", path).isEqualTo(expected);
                }
            }
            assertThat(Router.standard().route(r)).isEqualTo(expected);
        }

        @Test
        void minCost_singlesInNearTies_lazilyCostedCertificateGivesThePlainPlanAndRunnerUp() {
            // T0 at the destination ships the whole order at the package base alone, so the single certificate
            // proves it; the other whole-order locations are in near-ties for the runner-up (one place, the
            // destination or not, fixed costs
            // 0 to 5 x 3e-10 apart: chains of steps below 2 EPS; random priorities), some elsewhere, among random
            // locations holding some lines. The shortcut costs only the singles its chord bounds cannot rule out,
            // the plain path every one: the same plan, runner-up and cost.
            int[] certified = {0};
            qt().withExamples(800)
                    .forAll(longs().all(), integers().between(1, 9), integers().between(1, 4))
                    .checkAssert((seed, count, nSku) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest base = Instances.random(rnd, "min_cost", 1 + rnd.nextInt(8), nSku, 3, 5);
                        GeoPoint dest = base.destination();
                        // at the destination the chord bounds are the exact costs (distance 0 on both)
                        GeoPoint at = rnd.nextBoolean() ? dest
                                : new GeoPoint(25 + rnd.nextDouble() * 23, -123 + rnd.nextDouble() * 55);
                        Map<Sku, Integer> all = new HashMap<>();
                        for (int s = 0; s < nSku; s++) {
                            all.put(Sku.of("S" + s), 10);
                        }
                        List<CandidateLocation> locs = new java.util.ArrayList<>(base.locations());
                        locs.add(new CandidateLocation(LocationId.of("T0"), dest, rnd.nextInt(3), true, false, all,
                                Map.of(), 0, 0.0, 0.0, Integer.MAX_VALUE));
                        for (int k = 1; k <= count; k++) {
                            GeoPoint pos = rnd.nextInt(4) == 0
                                    ? new GeoPoint(25 + rnd.nextDouble() * 23, -123 + rnd.nextDouble() * 55) : at;
                            locs.add(new CandidateLocation(LocationId.of("T" + k), pos, rnd.nextInt(3), true, false,
                                    all, Map.of(), 0, 0.25, 0.5 + rnd.nextInt(6) * 3e-10, Integer.MAX_VALUE));
                        }
                        java.util.Collections.shuffle(locs, rnd);
                        RoutingRequest r = new RoutingRequest("min_cost", locs, base.lines(), dest, Set.of(), null,
                                new RoutingOptions(false, Integer.MAX_VALUE, false),
                                new CostModel(1.0, 0.001, 0.0005, 0.0));
                        MinCost.Scratch[] runs = fastAndPlain(r);
                        MinCost.Scratch fastScratch = runs[0];
                        MinCost.Scratch plainScratch = runs[1];
                        if (fastScratch.certified) {
                            certified[0]++;
                        }
                    });
            assertThat(certified[0]).isGreaterThan(600);
        }

        @Test
        void minCost_perLineStageNearCandidates_decideAsTheFullPassDoes() {
            // B ships the whole order alone; near candidates hold some lines at shipment costs around B's; far ones
            // (dear shipments) can hold the cheapest unit cost of a line, which the near test must not ignore, and
            // some sit just above or below the near limit. Everything at the destination or close to it (chord
            // bounds at or near the exact costs), unit costs per km so that a far candidate's unit bound can be the
            // cheapest. The fast path (the near test first) certifies exactly when the plain one (the full pass)
            // does, with the same plan, runner-up and cost; the near test settles many of them.
            int[] near = {0};
            int[] certified = {0};
            qt().withExamples(1500)
                    .forAll(longs().all(), integers().between(1, 5), integers().between(1, 8), integers().between(2, 12))
                    .checkAssert((seed, nSku, nNear, nFar) -> {
                        Random rnd = new Random(seed);
                        GeoPoint dest = new GeoPoint(40.0, -100.0);
                        List<RoutingLine> lines = new java.util.ArrayList<>();
                        Map<Sku, Integer> all = new HashMap<>();
                        for (int s = 0; s < nSku; s++) {
                            lines.add(new RoutingLine(Sku.of("S" + s), 1 + rnd.nextInt(3)));
                            all.put(Sku.of("S" + s), 5);
                        }
                        double fB = 1.0 + rnd.nextInt(40) * 0.1;
                        List<CandidateLocation> locs = new java.util.ArrayList<>();
                        locs.add(new CandidateLocation(LocationId.of("B"), dest, rnd.nextInt(3), true, false, all,
                                Map.of(), 0, rnd.nextInt(5) * 0.1, fB, Integer.MAX_VALUE));
                        int total = nNear + nFar;
                        for (int k = 0; k < total; k++) {
                            boolean isFar = k >= nNear;
                            Map<Sku, Integer> some = new HashMap<>();
                            for (int s = 0; s < nSku; s++) {
                                if (s == 0 && !isFar ? rnd.nextInt(8) == 0 : rnd.nextInt(3) != 0) {
                                    some.put(Sku.of("S" + s), 1 + rnd.nextInt(4));
                                }
                            }
                            if (some.isEmpty()) {
                                some.put(Sku.of("S" + rnd.nextInt(nSku)), 1);
                            }
                            GeoPoint pos = rnd.nextInt(3) == 0 ? dest
                                    : new GeoPoint(40.0 + rnd.nextDouble() * 0.5, -100.0 + rnd.nextDouble() * 0.5);
                            double fixed = isFar ? fB + rnd.nextInt(60) * 0.1 : rnd.nextInt(20) * 0.1;
                            double unit = isFar ? rnd.nextInt(3) * 0.05 : rnd.nextInt(8) * 0.1;
                            locs.add(new CandidateLocation(LocationId.of((isFar ? "F" : "N") + k), pos,
                                    rnd.nextInt(3), true, false, some, Map.of(), 0, unit, fixed,
                                    Integer.MAX_VALUE));
                        }
                        java.util.Collections.shuffle(locs, rnd);
                        RoutingRequest r = new RoutingRequest("min_cost", locs, lines, dest, Set.of(), null,
                                new RoutingOptions(false, Integer.MAX_VALUE, false),
                                new CostModel(1.0, 0.01, 0.002, 0.0));
                        MinCost.Scratch[] runs = fastAndPlain(r);
                        MinCost.Scratch fastScratch = runs[0];
                        MinCost.Scratch plainScratch = runs[1];
                        assertThat(plainScratch.nearCertified).isFalse();
                        if (fastScratch.nearCertified) {
                            assertThat(fastScratch.certified).isTrue();
                            near[0]++;
                        }
                        if (fastScratch.certified) {
                            certified[0]++;
                        }
                    });
            assertThat(near[0]).isGreaterThan(150);
        }

        @Test
        void nearLimit_everyCount_isExceededExactlyWhenTooManyAreNear() {
            // the near test stops counting once the count passes the limit: the same answer as counting all of
            // them and then asking for at most NEAR_MAX and at most 3 in 5
            for (int nc = 0; nc <= 400; nc++) {
                for (int k = 0; k <= nc; k++) {
                    assertThat(k > MinCost.nearLimit(nc)).as("k=%d nc=%d", k, nc)
                            .isEqualTo(k > MinCost.NEAR_MAX || k * 5 > nc * 3);
                }
            }
        }
    }

    @Nested
    class PairCertificatePaths {
        @Test
        void pairLoads_anyPairAndCapacities_areTheAssignersLoads() {
            // the closed form of the pair certificate against the assigner (its greedy, or its flow when a
            // capacity binds): filled or not, and the first location's load
            int[] binding = {0};
            qt().withExamples(3000)
                    .forAll(longs().all(), integers().between(1, 6), integers().between(0, 3))
                    .checkAssert((seed, nSku, capMode) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest r = twoOrMore(rnd, 2 + rnd.nextInt(4), nSku, capMode, Integer.MAX_VALUE);
                        Problem.Built b = Problem.build(r, Problem.Taken.NONE, true, null, true);
                        if (b.error != null) {
                            return;
                        }
                        Problem p = b.problem;
                        Assigner assigner = new Assigner(p.m);
                        for (int x = 0; x < p.n; x++) {
                            for (int y = 0; y < p.n; y++) {
                                if (x == y) {
                                    continue;
                                }
                                int[] pair = {x, y};
                                assigner.assign(p, pair, 2, 2);
                                boolean filled = true;
                                for (int s = 0; s < p.m; s++) {
                                    filled &= assigner.unfilled(s) == 0;
                                }
                                long loads = MinCost.pairLoads(p, x, y);
                                assertThat(loads >= 0).isEqualTo(filled);
                                if (filled) {
                                    assertThat(loads).isEqualTo(assigner.load(0));
                                    assertThat(p.totalDemand - loads).isEqualTo(assigner.load(1));
                                    long alone = 0;
                                    for (int s = 0; s < p.m; s++) {
                                        alone += Math.min(p.avail[x * p.m + s], p.demand[s]);
                                    }
                                    if (p.cap[x] < alone) {
                                        binding[0]++;
                                    }
                                }
                            }
                        }
                    });
            assertThat(binding[0]).isGreaterThan(0);
        }

        @Test
        void minCost_pairCertificateInstances_shortcutsGiveThePlainPlanAndRunnerUp() {
            // orders that few or no single location ships alone, among 8 to 150 candidates (pair lists of at most
            // and of more than 64: the masks of held lines by list index, the lazily sorted long list), capacities
            // sometimes binding (the closed-form loads), max_shipments 2 to 4 or unlimited: the fast plan equals the
            // plain one, runner-up and cost included, and both end in the same certificate
            int[] pairs = {0};
            int[] longOnes = {0};
            qt().withExamples(400)
                    .forAll(longs().all(), integers().between(8, 150), integers().between(1, 6),
                            integers().between(0, 3))
                    .checkAssert((seed, nLoc, nSku, capMode) -> {
                        Random rnd = new Random(seed);
                        int max = rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : 2 + rnd.nextInt(3);
                        RoutingRequest r = twoOrMore(rnd, nLoc, nSku, capMode, max);
                        MinCost.Scratch[] runs = fastAndPlain(r);
                        MinCost.Scratch fastScratch = runs[0];
                        MinCost.Scratch plainScratch = runs[1];
                        assertThat(fastScratch.pairCertified).isEqualTo(plainScratch.pairCertified);
                        assertThat(fastScratch.singleAfterPairs).isEqualTo(plainScratch.singleAfterPairs);
                        if (fastScratch.pairCertified || fastScratch.singleAfterPairs) {
                            pairs[0]++;
                            if (nLoc > 70) {
                                longOnes[0]++;
                            }
                        }
                    });
            assertThat(pairs[0]).isGreaterThan(100);
            assertThat(longOnes[0]).isGreaterThan(30);
        }

        @Test
        void minCost_pairCertificateInstances_lineStatsFromTheSortedOrderAreThePlainMinima() {
            // with at most 64 candidates lineStats takes each line's two cheapest shipment bounds from the first two
            // holders in (bound, position) order and the unit minima by masks of held lines: the same minima and
            // the same first position per line as the plain pass over every candidate's row (the pair certificate
            // ran on both paths, and nothing after it writes these arrays)
            assertThat(lineStatsCompared(400, 8, 64, 6)).isGreaterThan(100);
        }

        @Test
        void minCost_moreThan64Candidates_lineStatsFromTheSortedOrderAreThePlainMinima() {
            // with more than 64 candidates (up to LINE_FILTER_MAX) lineStats sorts them by shipment bound as well
            // (ties in bounds are frequent: locations at the destination and few distinct fixed costs)
            assertThat(lineStatsCompared(300, MinCost.EXACT_LIMIT + 1, MinCost.LINE_FILTER_MAX, MinCost.MASK_LINES + 2))
                    .isGreaterThan(60);
        }

        /**
         * On {@code examples} instances of {@code minLoc..maxLoc} locations and 1..maxSku lines, lineStats' minima of
         * the fast path against the plain pass's wherever the pair certificate ran to its end on both; how many.
         */
        private int lineStatsCompared(int examples, int minLoc, int maxLoc, int maxSku) {
            int[] compared = {0};
            qt().withExamples(examples)
                    .forAll(longs().all(), integers().between(minLoc, maxLoc), integers().between(1, maxSku),
                            integers().between(0, 3))
                    .checkAssert((seed, nLoc, nSku, capMode) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest r = twoOrMore(rnd, nLoc, nSku, capMode, 2 + rnd.nextInt(3));
                        MinCost.Scratch[] runs = fastAndPlain(r);
                        MinCost.Scratch fastScratch = runs[0];
                        MinCost.Scratch plainScratch = runs[1];
                        if (!fastScratch.pairCertified && !fastScratch.singleAfterPairs) {
                            return;
                        }
                        compared[0]++;
                        assertThat(Arrays.copyOf(fastScratch.lineMin1, nSku))
                                .containsExactly(Arrays.copyOf(plainScratch.lineMin1, nSku));
                        assertThat(Arrays.copyOf(fastScratch.lineMin2, nSku))
                                .containsExactly(Arrays.copyOf(plainScratch.lineMin2, nSku));
                        assertThat(Arrays.copyOf(fastScratch.lineArg1, nSku))
                                .containsExactly(Arrays.copyOf(plainScratch.lineArg1, nSku));
                        assertThat(Arrays.copyOf(fastScratch.lineUnit, nSku))
                                .containsExactly(Arrays.copyOf(plainScratch.lineUnit, nSku));
                    });
            return compared[0];
        }

        @Test
        void minCost_longPairLists_sortedFilterAndCoverBoundAsThePlainPass() {
            // 65 to 256 candidates, most holding one or two lines near the destination and a few far ones holding
            // every line: the pair certificate's list often passes EXACT_LIMIT members, read from lineStats' order
            // (where the cover bound is computed when the list passes EXACT_LIMIT) on the fast path and in position
            // order on the plain one; the same plans, runner-ups and outcomes
            int[] outcomes = new int[3];
            qt().withExamples(250)
                    .forAll(longs().all(), integers().between(MinCost.EXACT_LIMIT + 1, MinCost.LINE_FILTER_MAX),
                            integers().between(2, MinCost.COVER_MAX_LINES + 1))
                    .checkAssert((seed, nLoc, nSku) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest r = spreadLines(rnd, nLoc, nSku);
                        MinCost.Scratch[] runs = fastAndPlain(r);
                        assertThat(runs[0].pairCertified).isEqualTo(runs[1].pairCertified);
                        assertThat(runs[0].singleAfterPairs).isEqualTo(runs[1].singleAfterPairs);
                        outcomes[runs[0].certified ? 0 : runs[0].pairCertified ? 1 : 2]++;
                    });
            // every outcome occurs: a single proven by the cover bound, a pair proven, neither
            assertThat(outcomes[0]).isGreaterThan(10);
            assertThat(outcomes[1]).isGreaterThan(10);
        }

        /** Stores holding one or two of the lines around the destination, and two to four dearer ones holding all. */
        private RoutingRequest spreadLines(Random rnd, int nLoc, int nSku) {
            GeoPoint dest = new GeoPoint(40.0, -100.0);
            List<RoutingLine> lines = new java.util.ArrayList<>();
            for (int s = 0; s < nSku; s++) {
                lines.add(new RoutingLine(Sku.of("S" + s), 1 + rnd.nextInt(2)));
            }
            int full = 2 + rnd.nextInt(3);
            List<CandidateLocation> locs = new java.util.ArrayList<>();
            for (int k = 0; k < nLoc; k++) {
                Map<Sku, Integer> stock = new HashMap<>();
                boolean all = k < full;
                int held = all ? nSku : 1 + rnd.nextInt(2);
                while (stock.size() < held) {
                    stock.put(Sku.of("S" + rnd.nextInt(nSku)), 1 + rnd.nextInt(4));
                }
                double spread = all ? 6.0 : 3.0;
                GeoPoint pos = new GeoPoint(40.0 - spread / 2 + rnd.nextDouble() * spread,
                        -100.0 - spread / 2 + rnd.nextDouble() * spread);
                locs.add(new CandidateLocation(LocationId.of("L" + k), pos, rnd.nextInt(3), true, false, stock,
                        Map.of(), 0, all ? 0.5 : 1.2, all ? 4.0 + rnd.nextInt(8) : 2.0 + rnd.nextInt(4) * 0.5,
                        Integer.MAX_VALUE));
            }
            return new RoutingRequest("min_cost", locs, lines, dest, Set.of(), null,
                    new RoutingOptions(false, Integer.MAX_VALUE, false), new CostModel(5.0, 0.004, 0.0005, 0.0));
        }

        @Test
        void sortByShip_tiesNearTiesAndWideRanges_isTheOrderByBoundThenPosition() {
            // bounds with ties (-0.0 and 0.0 among them), a few ulps apart, all equal, spread over a range wider
            // than the largest double: positions by (bound, position), bounds compared as numbers
            qt().withExamples(3000)
                    .forAll(integers().between(0, 64), integers().between(0, 4), longs().all())
                    .checkAssert((n, kind, seed) -> {
                        Random rnd = new Random(seed);
                        double[] lb = new double[n];
                        for (int q = 0; q < n; q++) {
                            switch (kind) {
                                case 0:
                                    lb[q] = rnd.nextInt(6) * 0.5;
                                    break;
                                case 1:
                                    lb[q] = Math.nextUp(10.0) + rnd.nextInt(4) * Math.ulp(10.0);
                                    break;
                                case 2:
                                    lb[q] = rnd.nextBoolean() ? -0.0 : 0.0;
                                    break;
                                case 3:
                                    lb[q] = rnd.nextInt(3) == 0 ? Double.MAX_VALUE * rnd.nextDouble() : rnd.nextInt(3);
                                    break;
                                default:
                                    lb[q] = 5.0 + rnd.nextDouble() * 20.0;
                                    break;
                            }
                        }
                        Integer[] expected = new Integer[n];
                        for (int q = 0; q < n; q++) {
                            expected[q] = q;
                        }
                        Arrays.sort(expected, (x, y) -> lb[x] < lb[y] ? -1 : lb[x] > lb[y] ? 1 : Integer.compare(x, y));
                        int[] order = new int[64];
                        MinCost.Scratch sc = new MinCost.Scratch();
                        MinCost.sortByShip(order, sc.shipBucket, sc.shipCount, n, lb);
                        assertThat(Arrays.stream(order, 0, n).boxed().toArray(Integer[]::new)).containsExactly(expected);
                    });
        }

        /**
         * Locations near a destination, each with a random part of the lines (rarely all of them), shipment costs
         * spread (or, half of the time, few distinct ones and half of the locations at the destination: many equal
         * bounds, whose order in the sorted list is the position's), capacities per capMode (0 none, 1 some, 2
         * most, 3 every location limited), no partial plans.
         */
        private RoutingRequest twoOrMore(Random rnd, int nLoc, int nSku, int capMode, int maxShipments) {
            GeoPoint dest = new GeoPoint(40.0, -100.0);
            boolean ties = rnd.nextBoolean();
            List<RoutingLine> lines = new java.util.ArrayList<>();
            int total = 0;
            for (int s = 0; s < nSku; s++) {
                int q = 1 + rnd.nextInt(4);
                total += q;
                lines.add(new RoutingLine(Sku.of("S" + s), q));
            }
            List<CandidateLocation> locs = new java.util.ArrayList<>();
            for (int k = 0; k < nLoc; k++) {
                Map<Sku, Integer> stock = new HashMap<>();
                for (int s = 0; s < nSku; s++) {
                    if (rnd.nextInt(5) < 3) {
                        stock.put(Sku.of("S" + s), 1 + rnd.nextInt(5));
                    }
                }
                if (stock.isEmpty()) {
                    stock.put(Sku.of("S" + rnd.nextInt(nSku)), 1 + rnd.nextInt(5));
                }
                GeoPoint pos = rnd.nextInt(ties ? 2 : 4) == 0 ? dest
                        : new GeoPoint(40.0 + rnd.nextDouble() * 2, -100.0 + rnd.nextDouble() * 2);
                int cap = capMode == 0 || capMode == 1 && rnd.nextInt(4) != 0 || capMode == 2 && rnd.nextInt(4) == 0
                        ? Integer.MAX_VALUE : 1 + rnd.nextInt(total + 1);
                locs.add(new CandidateLocation(LocationId.of("L" + k), pos, rnd.nextInt(3), true, false, stock,
                        Map.of(), 0, rnd.nextInt(6) * 0.05, 1.0 + rnd.nextInt(ties ? 5 : 40) * 0.25, cap));
            }
            return new RoutingRequest("min_cost", locs, lines, dest, Set.of(), null,
                    new RoutingOptions(false, maxShipments, false), new CostModel(1.0, 0.01, 0.002, 0.0));
        }
    }

    @Nested
    class ChordBound {
        @Test
        void distanceTermLowerBound_anyPositions_neverExceedsTheHaversine() {
            qt().withExamples(5000)
                    .forAll(doubles().between(-90, 90), doubles().between(-180, 180), doubles().between(-90, 90),
                            doubles().between(-180, 180))
                    .checkAssert((lat1, lon1, lat2, lon2) -> {
                        Problem p = oneCandidate(new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));
                        double low = p.distanceTermLowerBound(0);
                        double exact = GeoPoint.haversineKm(lat1, lon1, lat2, lon2);
                        assertThat(low).isLessThanOrEqualTo(exact).isGreaterThanOrEqualTo(exact * 2 / Math.PI - 1e-3);
                        assertThat(p.shipCostAt(0, low)).isLessThanOrEqualTo(p.shipCostAt(0, exact));
                        assertThat(p.unitCostAt(0, low)).isLessThanOrEqualTo(p.unitCostAt(0, exact));
                    });
        }

        @Test
        void distanceTermLowerBound_samePlace_isZero() {
            GeoPoint here = new GeoPoint(40.7, -74.0);
            assertThat(oneCandidate(here, here).distanceTermLowerBound(0)).isZero();
        }

        @Test
        void lowerCosts_someCandidatesCosted_equalTheBoundOfEachCandidateBitForBit() {
            // the one-loop bounds of min_cost's first pass against the per-candidate methods, with and without the
            // network index, with some candidates costed first (their bounds are their exact costs)
            qt().withExamples(400)
                    .forAll(longs().all(), integers().between(1, 60), integers().between(1, 5))
                    .checkAssert((seed, nLoc, nSku) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest r = Instances.random(rnd, "min_cost", nLoc, nSku, 3, 5);
                        for (boolean indexed : new boolean[] {true, false}) {
                            Problem.Built b = Problem.build(r, Problem.Taken.NONE, true,
                                    indexed ? NetworkIndex.of(r.locations()) : null, false);
                            if (b.error != null) {
                                continue;
                            }
                            Problem p = b.problem;
                            int[] cands = new int[p.n];
                            for (int i = 0; i < p.n; i++) {
                                cands[i] = p.n - 1 - i;
                                if (rnd.nextInt(3) == 0) {
                                    p.cost(i);
                                }
                            }
                            double[] ship = new double[p.n];
                            double[] unit = new double[p.n];
                            p.lowerCosts(cands, p.n, ship, unit);
                            for (int q = 0; q < p.n; q++) {
                                int i = cands[q];
                                double expectShip;
                                double expectUnit;
                                if (p.costed(i)) {
                                    expectShip = p.shipCost[i];
                                    expectUnit = p.unitCost[i];
                                } else {
                                    double dd = p.distanceTermLowerBound(i);
                                    expectShip = p.shipCostAt(i, dd);
                                    expectUnit = p.unitCostAt(i, dd);
                                }
                                assertThat(Double.doubleToRawLongBits(ship[q]))
                                        .isEqualTo(Double.doubleToRawLongBits(expectShip));
                                assertThat(Double.doubleToRawLongBits(unit[q]))
                                        .isEqualTo(Double.doubleToRawLongBits(expectUnit));
                            }
                        }
                    });
        }

        @Test
        void chordCosts_costedOrNotIndexedOrNot_areTheSameBitForBitAndNeverAboveTheExactCosts() {
            // the certificate's bounds depend only on the request: the same with some or all candidates costed,
            // with and without the network index
            qt().withExamples(300)
                    .forAll(longs().all(), integers().between(1, 60), integers().between(1, 5))
                    .checkAssert((seed, nLoc, nSku) -> {
                        Random rnd = new Random(seed);
                        RoutingRequest r = Instances.random(rnd, "min_cost", nLoc, nSku, 3, 5);
                        Problem.Built lazy = Problem.build(r, Problem.Taken.NONE, true, NetworkIndex.of(r.locations()),
                                false);
                        if (lazy.error != null) {
                            return;
                        }
                        Problem.Built eager = Problem.build(r, Problem.Taken.NONE, true,
                                NetworkIndex.of(r.locations()), true);
                        Problem.Built direct = Problem.build(r, Problem.Taken.NONE, true, null, true);
                        int n = lazy.problem.n;
                        int[] cands = new int[n];
                        for (int i = 0; i < n; i++) {
                            cands[i] = n - 1 - i;
                            if (rnd.nextInt(3) == 0) {
                                lazy.problem.cost(i);
                            }
                        }
                        double[][] ship = new double[3][n];
                        double[][] unit = new double[3][n];
                        lazy.problem.chordCosts(cands, n, ship[0], unit[0]);
                        eager.problem.chordCosts(cands, n, ship[1], unit[1]);
                        direct.problem.chordCosts(cands, n, ship[2], unit[2]);
                        for (int q = 0; q < n; q++) {
                            for (int k = 1; k < 3; k++) {
                                assertThat(Double.doubleToRawLongBits(ship[k][q]))
                                        .isEqualTo(Double.doubleToRawLongBits(ship[0][q]));
                                assertThat(Double.doubleToRawLongBits(unit[k][q]))
                                        .isEqualTo(Double.doubleToRawLongBits(unit[0][q]));
                            }
                            assertThat(ship[0][q]).isLessThanOrEqualTo(eager.problem.shipCost[cands[q]]);
                            assertThat(unit[0][q]).isLessThanOrEqualTo(eager.problem.unitCost[cands[q]]);
                        }
                    });
        }

        private Problem oneCandidate(GeoPoint location, GeoPoint destination) {
            Sku sku = Sku.of("S");
            List<CandidateLocation> locs = List.of(
                    new CandidateLocation(LocationId.of("L"), location, 1, true, false,
                            Map.of(sku, 5), Map.of(), 0, 0.7, 3.0, Integer.MAX_VALUE));
            RoutingRequest r = new RoutingRequest("min_cost", locs,
                    List.of(new RoutingLine(sku, 1)), destination,
                    Set.of(), null, new RoutingOptions(false, Integer.MAX_VALUE, false),
                    new CostModel(5.0, 0.004, 0.0005, 0.0));
            Problem.Built b = Problem.build(r, Problem.Taken.NONE, true, NetworkIndex.of(locs), false);
            return b.problem;
        }
    }
}
