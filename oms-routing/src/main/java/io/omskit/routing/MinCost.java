package io.omskit.routing;

import io.omskit.spi.port.RoutingPlan;

/**
 * The {@code min_cost} strategy: minimises per-shipment plus per-unit cost plus the unfilled penalty under
 * availability, capacity and max_shipments.
 *
 * <p>The search is over sets of open locations; for a fixed set the unit assignment is exact
 * ({@link Assigner}). First, without allow_partial, a certificate: when the single location that ships the whole
 * order at the lowest cost Z is the only one within {@link #EPS} of Z, and a lower bound of every plan of two or
 * more shipments exceeds Z + EPS, that location is the plan and nothing else is searched. The bound, for each
 * candidate j, of a plan of two or more shipments that uses j: {@code F_j + U + E_j} (U every line's demand at its
 * cheapest unit cost; E_j the cheapest other shipment and, for each line j cannot fill alone, the cheapest other
 * shipment that has the SKU, the dearest of those), first in the coarse form min1 + min2 + D x the cheapest unit
 * cost, then per line (on at most {@link #LINE_FILTER_MAX} candidates); all on the chord lower bounds of the
 * distances ({@link Problem#chordCosts}), which depend only on the request, so the decision is the same with or
 * without the network index and the shortcuts. When that fails, a second certificate for pairs (with max_shipments
 * at least 2, on at most {@link #LINE_FILTER_MAX} candidates): a pair {x, y} costs at least {@code F_x + F_y + U};
 * the pairs whose bound lies within EPS of the cheaper of the best single and the best pair so far, and whose two
 * locations hold every line, are costed exactly in shipment cost order; the cheapest, Z, is the plan when every
 * single location and every other pair costed costs more than Z + EPS and a bound of every plan of three or more
 * shipments exceeds Z + EPS; or the best single location is, when it is the only one within EPS of its cost, every
 * pair costed costs more than that + EPS and the same bound exceeds it too. The bound of three or more: the three
 * cheapest shipment bounds plus U, and, when that is not enough and the order has at most {@link #COVER_MAX_LINES}
 * lines, the cover bound ({@link #coverBounds}: the least sum of shipment bounds of three or more candidates
 * whose held lines cover every line, plus U). When more than {@link #EXACT_LIMIT} candidates can be in a pair
 * cheaper than every single (at most {@link #COVER_MAX_LINES} lines; with more lines the attempt ends there), the
 * cover bound of every plan of two or more shipments first: above the best single + EPS, that single is the plan
 * as with the first certificate; otherwise the pairs of the longer list are tried as above, and when they prove
 * nothing, nothing they costed stays evaluated. All on the chord bounds, with exact costs only for the pairs and
 * the singles. Otherwise: incumbents from cheap heuristics (best single location,
 * cheapest-unit walk, empty
 * plan when partial); a provable filter (a location j can be in a plan cheaper than the incumbent Z only if
 * {@code F_j + U + E_j <= Z}, U the capacity-relaxed cheapest unit fill over all locations and E_j a lower
 * bound of the other shipments such a plan needs: the cheapest other shipment when j cannot ship the whole
 * order alone, then, in a second pass over the locations the first one kept (when at most
 * {@link #LINE_FILTER_MAX}), for each line j cannot fill alone the cheapest other kept location with that SKU,
 * the dearest of those); when three to 64 locations pass and partial plans are not allowed, a greedy cover of
 * them (cheapest cost per unit added) and that cover less each of its locations as further incumbents, and the
 * filter again with the better one (a large instance runs the greedy on its shortlist); depth-first branch and
 * bound over at most 64 locations with bit masks, a capacity-relaxed bound plus, for every line the included
 * locations do not cover, the cheapest undecided shipment that can supply it (the dearest of those), dominance
 * on the exclusion branch and tie-aware pruning. Larger instances search a shortlist, re-filter with the better
 * incumbent and, when the proven candidates fit, finish exactly; otherwise the plan says
 * {@code optimal=false} with the gap to the lower bound. A node budget (not a clock) keeps results deterministic.
 *
 * <p>Shortcuts that give the same plan as the plain computation (the constructor's {@code fast} flag turns
 * them off, and properties compare both): costs are exact only where a chord lower bound of the distance
 * (no trigonometry per candidate) does not settle a comparison ({@link Problem#distanceTermLowerBound}); the
 * bound and the incumbent walk read only a prefix of the candidates in (unit cost, priority, id) order, first
 * the max({@link #FIRST_PREFIX}, lines) cheapest, then the max({@link #SMALL_PREFIX},
 * {@link #PREFIX_SMALL_PER_SKU} x lines) cheapest, found in one pass, then a larger prefix by selection, and sort
 * everything only when a prefix does not fill every line; the branch and
 * bound reuses a node's relaxed bound in a child whose location mask differs from the node's only by locations
 * that the node's fill took nothing from (the fill is then the same sequence of operations); the dominance test
 * first rejects pairs by line support masks and unit sums (necessary conditions of dominance). Search arrays are
 * reused between calls (lent by the router). Immutable; thread-safe (all state is per call, on arrays one call
 * borrows at a time).
 *
 * <p>The runner-up is the best of the other location sets evaluated, in the plan's order (cost, then fewer
 * shipments, lower priority sum, ids); "other" means that its shipping locations differ from the chosen plan's.
 * Without allow_partial, every single location that ships the whole order is always evaluated (so the runner-up
 * is never dearer than any of them but the chosen one). When the single-location certificate ends the search,
 * nothing else is evaluated: the runner-up is the best other single location, or none (also when the cover bound
 * of plans of two or more shipments proves it in the pair certificate, before any pair is costed). When the pair
 * certificate ends it with a pair or with the best single location, the pairs it costed are evaluated too: the
 * runner-up is the best of those and of the single locations, other than the chosen set, or none. Otherwise also
 * evaluated are the pairs the pair certificate costed (when it ran on at most {@link #EXACT_LIMIT} candidates; the
 * best of them is the search's first incumbent), the cheapest-unit walk's locations and, with
 * allow_partial, the best single location and the empty plan; then the
 * greedy covers (without allow_partial) and every set the branch and bound offers before its bounds cut a branch
 * off. Its cost is the exact cost of its locations (the optimal assignment over them, each shipping). It is not
 * the second-best plan overall: a set that cannot beat the incumbent is never evaluated, so a stronger bound or
 * incumbent may name a dearer runner-up (or none).
 */
final class MinCost {
    static final double EPS = 1e-9;
    /**
     * Relative margin of {@link Run#nearLinesAbove}'s near candidates: far above the rounding of sums of a few
     * cost bounds, so a candidate it leaves out is above the limit whatever the order of the additions.
     */
    static final double NEAR_MARGIN = 1e-9;
    /**
     * At most this many near candidates for {@link Run#nearLinesAbove} (and at most 3 in 5 of the candidates): on the
     * benchmark's 200x5 orders every one with more near candidates failed the test (then paying it and the full
     * pass, about 1 us), every one with fewer passed it.
     */
    static final int NEAR_MAX = 16;
    private static final long INF_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    /**
     * The most near candidates {@link Run#nearLinesAbove} is tried with among nc: at most {@link #NEAR_MAX} and at
     * most 3 in 5 (k near candidates are too many exactly when k exceeds this).
     */
    static int nearLimit(int nc) {
        return Math.min(NEAR_MAX, nc * 3 / 5);
    }
    static final int EXACT_LIMIT = 64;
    /** Nodes for the shortlist search of a large instance. */
    static final long SHORTLIST_BUDGET = 400L;
    /** Candidates in the shortlist of a large instance. */
    static final int SHORTLIST = 32;
    /** A large instance first sorts about max(PREFIX_MIN, PREFIX_PER_SKU * lines) cheapest candidates. */
    static final int PREFIX_MIN = 64;
    static final int PREFIX_PER_SKU = 8;
    /** Every instance first tries the prefix of this many cheapest candidates, kept sorted during one pass. */
    static final int SMALL_PREFIX = 8;
    static final int PREFIX_SMALL_PER_SKU = 2;
    /**
     * The per-line part of the filter runs over at most this many candidates (it reads every line of each; on
     * more, the exact search could not take them all anyway, and the pass would cost more than it saves).
     */
    static final int LINE_FILTER_MAX = 4 * EXACT_LIMIT;
    /**
     * Before the prefix of max({@link #SMALL_PREFIX}, {@link #PREFIX_SMALL_PER_SKU} x lines) candidates, the
     * bound and the walk try the max(this, lines) cheapest, which usually fill every line already.
     */
    static final int FIRST_PREFIX = 4;
    /** The greedy incumbent runs when at least this many candidates pass the filter. */
    static final int GREEDY_MIN = 3;
    /**
     * The certificates also bound plans by the cheapest cover of the lines ({@link #coverBounds}) on orders of at
     * most this many lines (its table has 4 x 2^lines entries, its live entries a bit each in a long).
     */
    static final int COVER_MAX_LINES = 6;

    private final long nodeBudget;
    /** Whether the shortcuts are on (false: plain sorts and bounds; tests compare both). */
    private final boolean fast;

    MinCost(long nodeBudget) {
        this(nodeBudget, true);
    }

    MinCost(long nodeBudget, boolean fast) {
        this.nodeBudget = nodeBudget;
        this.fast = fast;
    }

    RoutingPlan route(Problem p, String name) {
        return route(p, name, new Scratch());
    }

    /** {@link #route(Problem, String)} on borrowed search arrays, used until it returns (see {@link Scratch}). */
    RoutingPlan route(Problem p, String name, Scratch scratch) {
        return new Run(p, nodeBudget, fast, scratch).solve(name);
    }

    /** The k-th smallest of {@code a[0..n)} (0-based; a is reordered). */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double x = a[i];
                    a[i] = a[j];
                    a[j] = x;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /**
     * The {@code need} first of {@code rest[0..r)} in (score, position) order, sorted, when r is large: only
     * those scoring at most the need-th smallest score are sorted (a prefix of the full order). Returns
     * {@code rest} itself when the whole list should be sorted instead.
     */
    static int[] smallestScores(int[] rest, int r, double[] score, int need) {
        if (r <= 2 * need + 16) {
            return rest;
        }
        int[] sub = atMostKth(rest, r, score, need);
        if (sub == null || sub.length < need) {
            return rest;
        }
        IntSort.sort(sub, sub.length, (a, b) -> {
            int cmp = Double.compare(score[a], score[b]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        return java.util.Arrays.copyOf(sub, need);
    }

    /**
     * The entries of {@code idx[0..n)} whose {@code score} is at most the {@code k}-th smallest (1-based), in their
     * order; null when a score is NaN.
     */
    static int[] atMostKth(int[] idx, int n, double[] score, int k) {
        double[] keys = new double[n];
        for (int q = 0; q < n; q++) {
            double x = score[idx[q]];
            if (x != x) {
                return null;
            }
            keys[q] = x;
        }
        double v = select(keys, n, k - 1);
        int[] out = new int[n];
        int t = 0;
        for (int q = 0; q < n; q++) {
            if (Double.compare(score[idx[q]], v) <= 0) {
                out[t++] = idx[q];
            }
        }
        return java.util.Arrays.copyOf(out, t);
    }

    /**
     * The lines {@code a[off..off+m)} is positive on, as a bit mask (bit s for line s); 0 when there are more than
     * 64 lines. When {@code a >= b} on every line, {@code support(b) & ~support(a)} is 0.
     */
    static long support(int[] a, int off, int m) {
        if (m > 64) {
            return 0L;
        }
        long mask = 0L;
        for (int s = 0; s < m; s++) {
            if (a[off + s] > 0) {
                mask |= 1L << s;
            }
        }
        return mask;
    }

    /** The sum of {@code a[off..off+m)}: when {@code a >= b} on every line, units(a) >= units(b). */
    static long units(int[] a, int off, int m) {
        long sum = 0L;
        for (int s = 0; s < m; s++) {
            sum += a[off + s];
        }
        return sum;
    }

    /**
     * Lower bounds of the shipment costs of every plan that fills every line with k = 2 or more shipments
     * (returned) and with k = 3 or more ({@code sc.coverThree}): the least sum of {@code lbShip[q]} (a lower bound
     * of candidate {@code cand[q]}'s shipment cost) over k or more distinct candidates whose held lines
     * ({@code avail[cand[q] * m + s] > 0}) are together all m lines (the locations that ship in such a plan are such
     * a set); +inf when there is none. Plus {@code units} (every line at its cheapest unit cost bound) each bounds
     * those plans' costs. {@code lineMin[s]}: the least {@code lbShip} of a holder of line s (+inf when none), which
     * every set adds for each line it still misses, so a partial sum s with {@code s + (the dearest of those of the
     * lines missing) + units > cap} is not followed: a result r with {@code r + units > cap} (+inf included) says
     * only that every such sum is above {@code cap - units} in that form; one that is not is exact. A table over
     * (count 0, 1, 2, 3 or more; set of lines) filled candidate by candidate, each used once, after keeping of each
     * set of held lines only its three cheapest holders (a cheapest set needs no fourth holding the same lines:
     * without the dearest it still covers every line and counts three or more; and a dearer holder of a set of
     * lines is replaced by a cheaper one unused). At most {@link #COVER_MAX_LINES} lines (m >= 1); arrays from
     * {@code sc}.
     */
    static double coverBounds(int m, int[] avail, int[] cand, int nc, double[] lbShip, double[] lineMin,
                              double units, double cap, Scratch sc) {
        return coverBounds(m, avail, cand, nc, lbShip, lineMin, units, cap, sc, null);
    }

    /**
     * {@link #coverBounds(int, int[], int[], int, double[], double[], double, double, Scratch)} with, when not null,
     * {@code holds[q]} the lines candidate position q has units of as a mask (the same bits that the availability
     * gives; {@link Run#lineStats}' masks), read instead of the availability.
     */
    static double coverBounds(int m, int[] avail, int[] cand, int nc, double[] lbShip, double[] lineMin,
                              double units, double cap, Scratch sc, long[] holds) {
        int k = 3;
        int size = 1 << m;
        int full = size - 1;
        if (sc.coverCheap.length < 3 * size) {
            sc.coverCheap = new double[3 * size];
            sc.coverTable = new double[4 * size];
            sc.coverNeed = new double[size];
        }
        // the three cheapest bounds per set of held lines, ascending
        double[] cheap = sc.coverCheap;
        java.util.Arrays.fill(cheap, 0, 3 * size, Double.POSITIVE_INFINITY);
        long groups = 0L;
        for (int q = 0; q < nc; q++) {
            double x = lbShip[q];
            if (!(x + units <= cap)) {
                continue;
            }
            int h = 0;
            if (holds != null) {
                h = (int) holds[q];
            } else {
                int base = cand[q] * m;
                for (int s = 0; s < m; s++) {
                    // bit s set when the availability (never negative) is positive
                    h |= (-avail[base + s] >>> 31) << s;
                }
            }
            groups |= 1L << h;
            int at = h * 3;
            for (int j = 0; j < k; j++) {
                double y = cheap[at + j];
                if (x < y) {
                    cheap[at + j] = x;
                    x = y;
                }
            }
        }
        // t[c * size + lines]: the least sum of c distinct candidates (c = k: k or more) holding those lines;
        // live[c]: the entries of count c that are set (a bit per set of lines)
        // need[lines]: the dearest of the cheapest holders of the lines missing (lineStats' minima): every sum that
        // completes an entry to every line adds at least that, so an entry above cap with it is not followed
        double[] need = sc.coverNeed;
        for (int lines = 0; lines < size; lines++) {
            double v = 0.0;
            for (int s = 0; s < m; s++) {
                if ((lines & 1 << s) == 0 && lineMin[s] > v) {
                    v = lineMin[s];
                }
            }
            need[lines] = v;
        }
        double[] t = sc.coverTable;
        long[] live = sc.coverLive;
        java.util.Arrays.fill(live, 0, k + 1, 0L);
        t[0] = 0.0;
        live[0] = 1L;
        while (groups != 0L) {
            int g = Long.numberOfTrailingZeros(groups);
            groups &= groups - 1;
            int at = g * 3;
            // the group's holders at once: from each entry set before the group, its cheapest one, two and three
            // added in that order (the sums the candidate by candidate passes make; a set that takes some of a
            // group's holders costs no less with its cheapest as many, under rounding too, and passes the cap
            // test whenever that set does). Counts and line sets downwards: an entry written has a larger count
            // or more lines (or is its source, which it cannot lower), so it is read no more in this group
            for (int c = k; c >= 0; c--) {
                int from = c * size;
                long bits = live[c];
                while (bits != 0L) {
                    int lines = 63 - Long.numberOfLeadingZeros(bits);
                    bits &= ~(1L << lines);
                    int dst = lines | g;
                    long bit = 1L << dst;
                    double nd = need[dst]; // the cap test adds it to w, then units: the base's association
                    double w = t[from + lines];
                    int c2 = c;
                    for (int j = 0; j < k; j++) {
                        double x = cheap[at + j];
                        if (x == Double.POSITIVE_INFINITY) {
                            break;
                        }
                        w += x;
                        if (!(w + nd + units <= cap)) {
                            break;
                        }
                        c2 = c2 < k ? c2 + 1 : k;
                        if ((live[c2] & bit) == 0L || w < t[c2 * size + dst]) {
                            t[c2 * size + dst] = w;
                            live[c2] |= bit;
                        }
                    }
                }
            }
        }
        double two = (live[2] & 1L << full) == 0L ? Double.POSITIVE_INFINITY : t[2 * size + full];
        sc.coverThree = (live[3] & 1L << full) == 0L ? Double.POSITIVE_INFINITY : t[3 * size + full];
        return Math.min(two, sc.coverThree);
    }

    /**
     * The {@link Assigner}'s load of a (the first, by unit cost) when it fills the whole order from a and b in
     * that order, or -1 when they cannot fill it; b's load is the rest. The assignment in closed form: a takes
     * what it can alone, min(cap_a, the sum over lines of min(avail, demand)), and both together fill the
     * maximum flow, the least of four cuts: cap_a + cap_b, cap_a + what b can alone before its capacity,
     * cap_b + the same of a, and the sum over lines of min(demand, avail_a + avail_b).
     */
    static long pairLoads(Problem p, int a, int b) {
        int m = p.m;
        int[] avail = p.avail;
        int[] demand = p.demand;
        int ba = a * m;
        int bb = b * m;
        long sa = 0L;
        long sb = 0L;
        long both = 0L;
        for (int s = 0; s < m; s++) {
            int d = demand[s];
            int xa = avail[ba + s];
            int xb = avail[bb + s];
            sa += Math.min(xa, d);
            sb += Math.min(xb, d);
            both += Math.min((long) xa + xb, d);
        }
        long total = p.totalDemand;
        long capA = p.cap[a];
        long capB = p.cap[b];
        if (both < total || capA + capB < total || capA + sb < total || capB + sa < total) {
            return -1L;
        }
        return Math.min(capA, sa);
    }

    /**
     * Sorts the positions 0..n-1 by (lbShip[q], q) into {@code order} ({@code bucket} and {@code count} at least n
     * and {@link #SHIP_BUCKETS} + 1 long). The bounds are finite (never NaN): first by bucket, b(f) = (f - lo) x
     * (B - 1) / (hi - lo) truncated (lo, hi the least and largest bound), stable from position order: b never
     * decreases as f grows (a difference, a product by a positive number and the truncation never do), so a
     * smaller bucket holds only smaller bounds and equal bounds share one; then an insertion pass by the bounds
     * themselves, stable, orders each bucket (within one, the positions are in increasing order already).
     */
    static void sortByShip(int[] order, int[] bucket, int[] count, int n, double[] lbShip) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < n; q++) {
            double f = lbShip[q];
            lo = f < lo ? f : lo;
            hi = f > hi ? f : hi;
        }
        double scale = hi > lo ? (SHIP_BUCKETS - 1) / (hi - lo) : 0.0;
        if (!(scale < Double.POSITIVE_INFINITY)) {
            scale = 0.0; // hi - lo below the least normal double: one bucket
        }
        java.util.Arrays.fill(count, 0, SHIP_BUCKETS + 1, 0);
        for (int q = 0; q < n; q++) {
            // within [0, B - 1] for a finite scale; a product of inf x 0 (hi - lo overflowed) is NaN: bucket 0
            int k = (int) ((lbShip[q] - lo) * scale);
            k = k < 0 ? 0 : Math.min(k, SHIP_BUCKETS - 1);
            bucket[q] = k;
            count[k + 1]++;
        }
        for (int k = 1; k <= SHIP_BUCKETS; k++) {
            count[k] += count[k - 1];
        }
        for (int q = 0; q < n; q++) {
            order[count[bucket[q]]++] = q;
        }
        IntSort.insertionByKey(order, n, lbShip);
    }

    /** Buckets of {@link #sortByShip}. */
    static final int SHIP_BUCKETS = 64;
    /** {@link Run#lineStats}' unit minima by masks of held lines up to this many lines, else line by line. */
    static final int MASK_LINES = 6;

    /**
     * Growable arrays of the search (primitives only; nothing of a request is retained), used by one call until it
     * returns; {@link Router} lends one per call from {@link Scratches}. Not thread-safe.
     */
    static final class Scratch {
        int[] cand = new int[64];
        boolean[] alone = new boolean[64];
        int[] singles = new int[64];
        int[] posOf = new int[64];
        /** Per single location (parallel to {@code singles}): its position in {@code cand}. */
        int[] singleAt = new int[64];
        /** Per single location: whether its exact cost is known in this call ({@link Run#certificate}). */
        boolean[] singleCosted = new boolean[64];
        double[] lbShip = new double[64];
        double[] lbUnit = new double[64];
        boolean[] mark = new boolean[64];
        int[] lowBuf = new int[SMALL_PREFIX];
        double[] lowKey = new double[SMALL_PREFIX];
        int[] lowRank = new int[SMALL_PREFIX];
        int[] top = new int[SMALL_PREFIX];
        double[] topKey = new double[SMALL_PREFIX];
        int[] topRank = new int[SMALL_PREFIX];
        /** Search arrays, indexed by position (at most {@link #EXACT_LIMIT}). */
        double[] f = new double[EXACT_LIMIT];
        double[] c = new double[EXACT_LIMIT];
        int[] pr = new int[EXACT_LIMIT];
        int[] capq = new int[EXACT_LIMIT];
        int[] byC = new int[EXACT_LIMIT];
        long[] dominated = new long[EXACT_LIMIT];
        long[] support = new long[EXACT_LIMIT];
        long[] units = new long[EXACT_LIMIT];
        boolean[] dominatedDone = new boolean[EXACT_LIMIT];
        int[] set = new int[EXACT_LIMIT];
        int[] used = new int[EXACT_LIMIT];
        int[] acap = new int[0];
        int[] skuStart = new int[0];
        int[] lpos = new int[0];
        int[] lacap = new int[0];
        double[] lc = new double[0];
        int[] covs = new int[0];
        long[] holders = new long[8];
        double[] lineMin1 = new double[8];
        double[] lineMin2 = new double[8];
        int[] lineArg1 = new int[8];
        double[] lineUnit = new double[8];
        /** Whether the last call that used this scratch ended with the single-location certificate (tests read it). */
        boolean certified;
        /** Whether the last call that used this scratch ended with the pair certificate (tests read it). */
        boolean pairCertified;
        /**
         * Whether the last call that used this scratch ended with the pair certificate proving the best single
         * location (pairs costed, none within EPS of it; tests read it).
         */
        boolean singleAfterPairs;
        /** Whether the single certificate's per-line stage was settled by the near candidates alone. */
        boolean nearCertified;
        int[] filtered = new int[64];
        /** {@link #coverBounds}: per set of lines the cheapest shipment bounds; the table and its live entries. */
        double[] coverCheap = new double[3 << 5];
        double[] coverTable = new double[4 << 5];
        long[] coverLive = new long[4];
        double[] coverNeed = new double[1 << 5];
        /** {@link #coverBounds}' second result: the bound of plans of three or more shipments. */
        double coverThree;
        private Assigner assigner;

        /** A reusable assigner for m SKUs (its state is reset by every assignment). */
        Assigner assigner(int m) {
            Assigner a = assigner;
            if (a == null || a.skus() != m) {
                a = new Assigner(m);
                assigner = a;
            }
            return a;
        }

        void candidates(int n) {
            if (cand.length < n) {
                int len = Math.max(n, cand.length * 2);
                cand = new int[len];
                alone = new boolean[len];
                singles = new int[len];
                singleAt = new int[len];
                singleCosted = new boolean[len];
                posOf = new int[len];
                filtered = new int[len];
                lbShip = new double[len];
                lbUnit = new double[len];
                mark = new boolean[len];
            }
        }

        /** Candidate positions whose shipment cost bound the per-line stage must read ({@link Run#nearLinesAbove}). */
        int[] near = new int[16];

        int[] near(int n) {
            if (near.length < n) {
                near = new int[Math.max(n, near.length * 2)];
            }
            return near;
        }

        int[] pairList = new int[64];
        long[] holds = new long[64];

        /** Per candidate position, the lines it has units of ({@link Run#lineStats}). */
        /** {@link Run#sortedPrefix}' least of the rest, and the others. */
        int[] pairBuf = new int[64];
        int[] pairHigh = new int[64];

        int[] pairBuf(int n) {
            if (pairBuf.length < n) {
                pairBuf = new int[Math.max(n, pairBuf.length * 2)];
            }
            return pairBuf;
        }
        /** Per line, the pair list's positions that hold it ({@link Run#pairCertificate}). */
        long[] lineBits = new long[8];

        int[] pairHigh(int n) {
            if (pairHigh.length < n) {
                pairHigh = new int[Math.max(n, pairHigh.length * 2)];
            }
            return pairHigh;
        }

        long[] lineBits(int m) {
            if (lineBits.length < m) {
                lineBits = new long[m];
            }
            return lineBits;
        }

        long[] holds(int n) {
            if (holds.length < n) {
                holds = new long[Math.max(n, holds.length * 2)];
            }
            return holds;
        }

        /**
         * {@link Run#lineStats}' candidate positions by (shipment cost bound, position), at most {@link
         * #LINE_FILTER_MAX} of them, and the buckets of its sort.
         */
        int[] byShip = new int[EXACT_LIMIT];
        int[] shipBucket = new int[EXACT_LIMIT];
        int[] shipCount = new int[SHIP_BUCKETS + 1];

        /** Room in {@link #byShip} and {@link #shipBucket} for {@code n} candidates. */
        void shipOrder(int n) {
            if (byShip.length < n) {
                byShip = new int[n];
                shipBucket = new int[n];
            }
        }
        /** {@link Run#lineStats}' least unit cost bound per mask of held lines (at most {@link #MASK_LINES} lines). */
        double[] maskUnit = new double[1 << MASK_LINES];

        int[] pairList(int n) {
            if (pairList.length < n) {
                pairList = new int[n];
            }
            return pairList;
        }


        /** The pair certificate's held lines by candidate position, without the shortcuts. */
        long[] pairHeld = new long[64];

        long[] pairHeld(int n) {
            if (pairHeld.length < n) {
                pairHeld = new long[Math.max(n, pairHeld.length * 2)];
            }
            return pairHeld;
        }

        int[] rem = new int[8];
        int[] greedy = new int[EXACT_LIMIT];
        int[] seeds = new int[16];

        int[] seeds(int size) {
            if (seeds.length < size) {
                seeds = new int[size];
            }
            return seeds;
        }

        int[] rem(int m) {
            if (rem.length < m) {
                rem = new int[m];
            }
            return rem;
        }

        boolean[] taken = new boolean[EXACT_LIMIT];

        int[] greedy(int n) {
            if (greedy.length < n) {
                greedy = new int[n];
            }
            return greedy;
        }

        /** A cleared flag per candidate, n of them. */
        boolean[] taken(int n) {
            if (taken.length < n) {
                taken = new boolean[n];
            } else {
                java.util.Arrays.fill(taken, 0, n, false);
            }
            return taken;
        }

        void lines(int m) {
            if (lineMin1.length < m) {
                lineMin1 = new double[m];
                lineMin2 = new double[m];
                lineArg1 = new int[m];
                lineUnit = new double[m];
            }
        }

        void prefix(int size) {
            if (top.length < size) {
                lowBuf = new int[size];
                lowKey = new double[size];
                lowRank = new int[size];
                top = new int[size];
                topKey = new double[size];
                topRank = new int[size];
            }
        }

        void search(int k, int m) {
            int cells = k * m;
            if (acap.length < cells) {
                int len = Math.max(cells, EXACT_LIMIT * m);
                acap = new int[len];
                lpos = new int[len];
                lacap = new int[len];
                lc = new double[len];
            }
            if (skuStart.length < m + 1) {
                skuStart = new int[m + 1];
            }
            if (covs.length < (k + 2) * m) {
                covs = new int[(EXACT_LIMIT + 2) * m];
            }
            if (holders.length < m) {
                holders = new long[m];
            }
        }

        int[] used(int t) {
            if (used.length < t) {
                used = new int[t];
            }
            return used;
        }

        int[] set(int t) {
            if (set.length < t) {
                set = new int[t];
            }
            return set;
        }
    }

    /** One call's search state. */
    private static final class Run {
        final Problem p;
        final int m;
        final long budget;
        final Assigner assigner;
        final Scratch sc;
        final boolean fast;
        long nodes;
        long limit;
        boolean budgetHit;
        // best and runner-up (problem indices, sorted by id only when needed)
        double bestCost = Double.POSITIVE_INFINITY;
        int bestShip = Integer.MAX_VALUE;
        long bestPrio;
        int[] best;
        double ruCost = Double.POSITIVE_INFINITY;
        int ruShip;
        long ruPrio;
        int[] ru;
        // search arrays (positions), from the scratch
        int k;
        int[] ix;
        double[] f;
        double[] c;
        int[] pr;
        int[] capq;
        int[] acap;
        int[] byC;
        long[] dominated;
        boolean[] dominatedDone;
        /**
         * Per position: {@link MinCost#support} and {@link MinCost#units} of its acap (0 when not {@code fast}):
         * a position can dominate another only if its support contains the other's and its units are not fewer,
         * so {@link #dominatedBy} rejects most pairs with these two before reading acap line by line.
         */
        long[] support;
        long[] units;
        /** Per SKU s, entries skuStart[s]..skuStart[s+1]: positions with acap > 0 in unit cost order. */
        int[] skuStart;
        int[] lpos;
        int[] lacap;
        double[] lc;
        /** Coverage per recursion level: covs[level * m + s]. */
        int[] covs;
        /** Per SKU: the positions that can supply it (acap > 0), as a bit mask. */
        long[] holders;
        /** The positions the last {@link #bound} took units from. */
        long boundUsed;
        /** Per candidate: ships the whole order alone (capacity and availability). */
        boolean[] alone;
        /** The two cheapest exact shipment costs seen (arg1 has min1), and the exact prefix (nt entries). */
        double min1;
        double min2;
        int arg1;
        int nt;

        /** Counts candidate i's exact shipment cost towards the two cheapest. */
        private void exactShip(int i) {
            double fi = p.shipCost[i];
            if (fi < min1) {
                min2 = min1;
                min1 = fi;
                arg1 = i;
            } else if (fi < min2) {
                min2 = fi;
            }
        }

        /** Inserts costed candidate i into the prefix of the {@code size} smallest (unit cost, rank, index). */
        private void exactPrefix(int i, int size) {
            int[] top = sc.top;
            double[] topKey = sc.topKey;
            int[] topRank = sc.topRank;
            double key = p.unitCost[i];
            int r = p.rank()[i];
            if (nt == size && !less(key, r, i, topKey[nt - 1], topRank[nt - 1], top[nt - 1])) {
                return;
            }
            int j = nt < size ? nt++ : nt - 1;
            while (j > 0 && less(key, r, i, topKey[j - 1], topRank[j - 1], top[j - 1])) {
                top[j] = top[j - 1];
                topKey[j] = topKey[j - 1];
                topRank[j] = topRank[j - 1];
                j--;
            }
            top[j] = i;
            topKey[j] = key;
            topRank[j] = r;
        }

        private static boolean less(double k1, int r1, int i1, double k2, int r2, int i2) {
            if (k1 < k2) {
                return true;
            }
            if (k1 > k2) {
                return false;
            }
            int c = Double.compare(k1, k2);
            if (c != 0) {
                return c < 0;
            }
            return r1 != r2 ? r1 < r2 : i1 < i2;
        }

        Run(Problem p, long budget, boolean fast, Scratch sc) {
            this.fast = fast;
            this.p = p;
            this.m = p.m;
            this.budget = budget;
            this.sc = sc;
            this.assigner = sc.assigner(p.m);
        }

        RoutingPlan solve(String name) {
            boolean needCoords = p.request.destination() != null
                    && (p.request.costModel().packagePerKm() > 0 || p.request.costModel().unitPerKm() > 0);
            sc.candidates(p.n);
            sc.certified = false;
            sc.pairCertified = false;
            sc.singleAfterPairs = false;
            sc.nearCertified = false;
            if (!fast) {
                for (int i = 0; i < p.n; i++) {
                    p.cost(i);
                }
            }
            int[] cand = sc.cand;
            alone = sc.alone;
            int[] singles = sc.singles;
            int[] singleAt = sc.singleAt;
            double[] lbShip = sc.lbShip;
            double[] lbUnit = sc.lbUnit;
            int prefixSize = Math.max(SMALL_PREFIX, PREFIX_SMALL_PER_SKU * m);
            sc.prefix(prefixSize);
            double[] unitCost = p.unitCost;
            // Pass 1: the candidates, who ships alone, and lower bounds of every candidate's costs from the chord
            // (exact for those already costed), with the prefixSize smallest unit cost bounds kept aside.
            int[] lowBuf = sc.lowBuf;
            double[] lowKey = sc.lowKey;
            int[] lowRank = sc.lowRank;
            int nl = 0;
            int nc = 0;
            int ns = 0;
            boolean anyAlone = false;
            int n = p.n;
            boolean[] anyAvail = p.anyAvail;
            boolean partial = p.partial;
            int ship1 = -1;
            int ship2 = -1;
            double shipLow1 = Double.POSITIVE_INFINITY;
            double shipLow2 = Double.POSITIVE_INFINITY;
            double unitLow = Double.POSITIVE_INFINITY;
            if (fast && !partial && p.indexedChords()) {
                // Pass 1 with the chord bounds and their minima in the same loop (the same values, in the same
                // order, as the three passes below: the index's chord per candidate, chordCosts' expressions)
                NetworkIndex index = p.index;
                int[] li = p.locIndex;
                double[] ux = index.ux;
                double[] uy = index.uy;
                double[] uz = index.uz;
                double[] fixed = index.fixedCost;
                double[] perUnit = index.unitCost;
                double base = p.costModel.packageBase();
                double perKm = p.costModel.packagePerKm();
                double unitPerKm = p.costModel.unitPerKm();
                double dX = p.destX;
                double dY = p.destY;
                double dZ = p.destZ;
                // the build's masks of lines with units: only a candidate with units of every line can ship the
                // whole order alone, and few have (the test of its row is a loop per candidate)
                long[] lineMask = p.lineMask;
                long allLines = m == 64 ? -1L : (1L << m) - 1;
                for (int i = 0; i < n; i++) {
                    if (!anyAvail[i]) {
                        continue;
                    }
                    int l = li[i];
                    // no coordinates: NaN in the index's unit vectors as in its latitudes
                    if (needCoords && ux[l] != ux[l]) {
                        p.exclude(i, Problem.NO_COORDINATES);
                        continue;
                    }
                    boolean al = (lineMask == null || lineMask[i] == allLines) && coversAlone(i);
                    alone[i] = al;
                    if (al) {
                        anyAlone = true;
                        singleAt[ns] = nc;
                        singles[ns++] = i;
                    }
                    double dd = Problem.chordKm(ux, uy, uz, l, dX, dY, dZ);
                    double sLow = fixed[l] + base + perKm * dd;
                    double uLow = perUnit[l] + unitPerKm * dd;
                    lbShip[nc] = sLow;
                    lbUnit[nc] = uLow;
                    if (sLow < shipLow1) {
                        shipLow2 = shipLow1;
                        ship2 = ship1;
                        shipLow1 = sLow;
                        ship1 = nc;
                    } else if (sLow < shipLow2) {
                        shipLow2 = sLow;
                        ship2 = nc;
                    }
                    if (uLow < unitLow) {
                        unitLow = uLow;
                    }
                    cand[nc++] = i;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (!anyAvail[i]) {
                        continue;
                    }
                    if (needCoords && !p.hasPosition(i)) {
                        p.exclude(i, Problem.NO_COORDINATES);
                        continue;
                    }
                    if (partial) {
                        p.cost(i);
                        if (unitCost[i] >= p.penalty) {
                            continue; // a unit from here never beats leaving it unfilled
                        }
                    }
                    boolean al = coversAlone(i);
                    alone[i] = al;
                    if (al) {
                        anyAlone = true;
                        // without allow_partial the certificate costs the singles it needs, then the rest when it fails
                        singleAt[ns] = nc;
                        singles[ns++] = i;
                    }
                    cand[nc++] = i;
                }
                // without allow_partial only the singles are costed so far: the request's chord bounds of every
                // candidate (the certificate below must decide the same on every path); with it, the exact costs
                if (partial) {
                    p.lowerCosts(cand, nc, lbShip, lbUnit);
                } else {
                    p.chordCosts(cand, nc, lbShip, lbUnit);
                }
                // the two smallest shipment cost bounds, first come first kept among equals (seeds of pass 2, and the
                // certificate's), and the smallest unit cost bound
                for (int q = 0; q < nc; q++) {
                    double sLow = lbShip[q];
                    if (sLow < shipLow1) {
                        shipLow2 = shipLow1;
                        ship2 = ship1;
                        shipLow1 = sLow;
                        ship1 = q;
                    } else if (sLow < shipLow2) {
                        shipLow2 = sLow;
                        ship2 = q;
                    }
                    double uLow = lbUnit[q];
                    if (uLow < unitLow) {
                        unitLow = uLow;
                    }
                }
            }
            if (!partial) {
                linesReady = false;
                singlesTied = false;
                RoutingPlan certain = ns == 0 ? null : certificate(name, cand, nc, singles, ns, lbShip, lbUnit,
                        ship1, shipLow1, shipLow2, unitLow);
                if (certain != null) {
                    return certain;
                }
                // from here on every single location's exact cost is known, as the search expects
                boolean[] costed = sc.singleCosted;
                for (int q = 0; q < ns; q++) {
                    p.cost(singles[q]);
                    costed[q] = true;
                }
                if (p.maxShipments >= 2 && nc >= 2 && nc <= LINE_FILTER_MAX) {
                    certain = pairCertificate(name, cand, nc, singles, ns, lbShip, lbUnit, ship1, shipLow1,
                            shipLow2);
                    if (certain != null) {
                        sc.pairCertified = !sc.certified && !sc.singleAfterPairs;
                        return certain;
                    }
                }
            }
            // (the ranks only from here: the certificates never read them)
            int[] rank = p.rank();
            // the prefixSize smallest unit cost bounds in (bound, rank) order, first come first kept among equals,
            // as one insertion pass
            double lastKey = 0.0;
            int lastRank = 0;
            for (int q = 0; q < nc; q++) {
                double uLow = lbUnit[q];
                int r = rank[cand[q]];
                if (nl < prefixSize || IntSort.less(uLow, r, lastKey, lastRank)) {
                    int j = nl < prefixSize ? nl++ : nl - 1;
                    while (j > 0 && IntSort.less(uLow, r, lowKey[j - 1], lowRank[j - 1])) {
                        lowBuf[j] = lowBuf[j - 1];
                        lowKey[j] = lowKey[j - 1];
                        lowRank[j] = lowRank[j - 1];
                        j--;
                    }
                    lowBuf[j] = q;
                    lowKey[j] = uLow;
                    lowRank[j] = r;
                    lastKey = lowKey[nl - 1];
                    lastRank = lowRank[nl - 1];
                }
            }
            // Pass 2: exact costs of the candidates kept aside give the prefix and the two cheapest shipments so
            // far; then only a candidate whose bound is below the second cheapest shipment, or sorts before the last
            // of the prefix, can change either (its exact cost is not below its bound), and only those are costed.
            // The prefix is ordered by (unit cost, priority, id, problem order): the stable full sort's order.
            // The relaxed bound and the incumbent walk read the candidates in (unit cost, priority, id) order
            // and stop once every line is filled, so they first read only a prefix of that order: first the
            // firstPrefix cheapest (costing fewer candidates), then the prefixSize cheapest, then, on a large
            // instance, a larger one by selection; when no prefix fills every line, everything is costed and
            // sorted. Any prefix that fills every line and on which the walk completes gives the same bound and
            // walk as a longer one (both stop at the same places).
            int[] all = null;
            double u = Double.NaN;
            Solution walked = null;
            boolean sortedAll;
            int firstPrefix = Math.max(FIRST_PREFIX, m);
            if (fast && nc > prefixSize && firstPrefix < nl) {
                int[] seeds = sc.seeds(firstPrefix + 2);
                System.arraycopy(lowBuf, 0, seeds, 0, firstPrefix);
                int t = firstPrefix;
                if (ship1 >= 0) {
                    seeds[t++] = ship1;
                }
                if (ship2 >= 0) {
                    seeds[t++] = ship2;
                }
                exactPass(cand, nc, seeds, t, firstPrefix, rank, lbShip, lbUnit);
                int[] prefix = java.util.Arrays.copyOf(sc.top, nt);
                u = relaxedUnitsFilled(prefix);
                if (u == u) {
                    walked = Walks.walk(p, prefix);
                    if (walked.complete()) {
                        all = prefix;
                    } else {
                        walked = null;
                    }
                }
            }
            if (all != null) {
                sortedAll = false;
            } else {
                exactPass(cand, nc, lowBuf, nl, prefixSize, rank, lbShip, lbUnit);
                if (nc <= prefixSize) {
                    all = java.util.Arrays.copyOf(sc.top, nt);
                    sortedAll = true;
                    u = relaxedUnits(all);
                } else {
                    if (fast) {
                        int[] prefix = java.util.Arrays.copyOf(sc.top, nt);
                        u = relaxedUnitsFilled(prefix);
                        if (u == u) {
                            walked = Walks.walk(p, prefix);
                            if (walked.complete()) {
                                all = prefix;
                            } else {
                                walked = null;
                            }
                        }
                    }
                    int want = Math.max(PREFIX_MIN, PREFIX_PER_SKU * m);
                    if (all == null && fast && nc > 2 * want) {
                        costAll(cand, nc);
                        int[] prefix = cheapestPrefix(cand, nc, want);
                        if (prefix != null) {
                            u = relaxedUnitsFilled(prefix);
                            if (u == u) {
                                walked = Walks.walk(p, prefix);
                                if (walked.complete()) {
                                    all = prefix;
                                } else {
                                    walked = null;
                                }
                            }
                        }
                    }
                    sortedAll = all == null;
                    if (sortedAll) {
                        costAll(cand, nc);
                        all = java.util.Arrays.copyOf(cand, nc);
                        p.sortByUnitCost(all, nc);
                        u = relaxedUnits(all);
                    }
                }
            }
            double min1 = this.min1;
            double min2 = this.min2;
            int arg1 = this.arg1;
            incumbents(all, walked, singles, ns);
            double minShip;
            if (min1 == Double.POSITIVE_INFINITY) {
                minShip = 0;
            } else {
                minShip = anyAlone || min2 == Double.POSITIVE_INFINITY || p.maxShipments < 2 ? min1 : min1 + min2;
            }
            double lb = u == Double.POSITIVE_INFINITY ? u : u + (p.partial ? 0 : minShip);
            if (u == Double.POSITIVE_INFINITY && !p.partial) {
                // even all locations together cannot cover the demand: the cheapest-unit walk is the plan
                return Plans.plan(p, name, Walks.walk(p, all), false, 0.0, null, Double.NaN, null);
            }
            boolean proven;
            // the same set as filtering the sorted list, in the same order: the sort is stable, and the bound
            // of a candidate does not depend on the order in which the two cheapest shipments were found
            int[] kept = filter(cand, lbShip, nc, u, min1, min2, arg1, false);
            p.sortByUnitCost(kept, kept.length);
            // again with the per-line bound, its other shipments among the kept ones only (a plan cheaper than the
            // incumbent uses kept candidates only), which costs a pass over the kept rows instead of all of them
            kept = filter(kept, u);
            if (kept.length >= GREEDY_MIN && kept.length <= EXACT_LIMIT && !p.partial) {
                // a better incumbent from the kept candidates, and the filter again with it (a plan cheaper than
                // the new incumbent uses kept candidates only: every other one was bounded above the old one)
                double before = bestCost;
                greedy(kept);
                if (bestCost < before) {
                    kept = filter(kept, u);
                }
            }
            if (kept.length <= EXACT_LIMIT) {
                proven = search(kept, budget);
            } else {
                int[] shortlist = shortlist(kept);
                if (!p.partial) {
                    greedy(shortlist);
                }
                search(shortlist, SHORTLIST_BUDGET);
                int[] again = filter(kept, u);
                proven = again.length <= EXACT_LIMIT && search(again, budget);
            }
            if (best != null && !p.partial) {
                // every single location that ships the whole order is evaluated (the runner-up's definition)
                int[] one = sc.set(1);
                for (int q = 0; q < ns; q++) {
                    int i = singles[q];
                    one[0] = i;
                    runnerUpOnly(p.shipCost[i] + p.unitCost[i] * p.totalDemand, 1, p.prio[i], one);
                }
            }
            if (best == null) {
                if (!sortedAll) {
                    costAll(cand, nc);
                    all = java.util.Arrays.copyOf(cand, nc);
                    p.sortByUnitCost(all, all.length);
                }
                return Plans.plan(p, name, Walks.walk(p, all), false, 0.0, null, Double.NaN, null);
            }
            Solution sol = solutionOf(best);
            double cost = Plans.cost(p, sol);
            if (!proven && cost <= lb + EPS) {
                proven = true;
            }
            double gap = cost <= 0 ? 0.0 : Math.max(0.0, (cost - lb) / cost);
            String note = proven ? "proven optimal" : "best found within the search budget; lower bound " + lb;
            return Plans.plan(p, name, sol, proven, gap, ru, ru == null ? Double.NaN : ruCost, note);
        }

        // --- the certificate ---------------------------------------------------------------------------------

        /**
         * The plan of the best single location when a bound proves it optimal before anything else is costed, else
         * null. Without allow_partial, a plan of two or more shipments that uses candidate j costs at least
         * {@code F_j + U + E_j}: U the units at the cheapest unit cost per line, E_j the cheapest other shipment and,
         * for each line j cannot fill alone, the cheapest other shipment that has the SKU (the dearest of those),
         * all on the request's chord bounds (so the decision is the same on every path). When the single location
         * Z that ships the whole order at the lowest cost is the only one within {@link #EPS} of that cost and
         * every candidate's bound exceeds Z + EPS (first the coarser min1 + min2 + D x cheapest unit cost, then,
         * when there are at most {@link #LINE_FILTER_MAX} candidates, the per-line one), Z is the optimum under the
         * plan order (any other plan costs more than Z + EPS) and the search ends: every single location is
         * evaluated and nothing else.
         */
        private RoutingPlan certificate(String name, int[] cand, int nc, int[] singles, int ns, double[] lbShip,
                                        double[] lbUnit, int ship1, double shipLow1, double shipLow2,
                                        double unitLow) {
            // The singles are not costed yet: each one's chord bound L (lbShip + lbUnit x D, the same expression
            // as its exact cost on a distance term never above its own, so L <= its exact cost) says which ones can
            // matter. The one with the least L first, then every one whose L is within EPS of the cheapest exact
            // cost so far: any other costs more than Z + EPS (neither cheaper than Z nor tied with it).
            double[] shipCost = p.shipCost;
            double[] unitCost = p.unitCost;
            long demand = p.totalDemand;
            int[] at = sc.singleAt;
            boolean[] costed = sc.singleCosted;
            int first = 0;
            double low = Double.POSITIVE_INFINITY;
            for (int k = 0; k < ns; k++) {
                // without the shortcuts every single is costed already (and so evaluated)
                costed[k] = !fast;
                int q = at[k];
                double l = lbShip[q] + lbUnit[q] * demand;
                if (l < low) {
                    low = l;
                    first = k;
                }
            }
            int b = -1;
            double bc = Double.POSITIVE_INFINITY;
            int i0 = singles[first];
            p.cost(i0);
            costed[first] = true;
            double c0 = shipCost[i0] + unitCost[i0] * demand;
            if (c0 < bc) {
                bc = c0;
                b = i0;
            }
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                if (!costed[k]) {
                    int q = at[k];
                    if (lbShip[q] + lbUnit[q] * demand > bc + EPS) {
                        continue;
                    }
                    p.cost(i);
                    costed[k] = true;
                }
                double c = shipCost[i] + unitCost[i] * demand;
                if (c < bc) {
                    bc = c;
                    b = i;
                }
            }
            if (b < 0) {
                return null;
            }
            double limit = bc + EPS;
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                if (costed[k] && i != b && !(shipCost[i] + unitCost[i] * demand > limit)) {
                    singlesTied = true;
                    return null; // another single within EPS: the search settles the tie
                }
            }
            // the per-line stage reads every line of every candidate: only on at most LINE_FILTER_MAX of them
            if (!(shipLow1 + shipLow2 + unitLow * demand > limit)
                    && (nc > LINE_FILTER_MAX
                        || !(fast && nearLinesAbove(cand, nc, lbShip, lbUnit, ship1, shipLow1, shipLow2,
                                unitLow * demand, limit))
                            && !linesAbove(cand, nc, lbShip, lbUnit, ship1, shipLow1, shipLow2, limit))) {
                return null;
            }
            costRunnerUps(b, singles, ns, lbShip, lbUnit);
            return singleCertified(name, b, bc, singles, ns);
        }

        /**
         * Costs, of the single locations other than b, every one that can be the runner-up ({@link #record} of
         * every single in order): with R the least exact cost of the others and U the largest exact cost reachable
         * from R in steps of at most 2 EPS, every one whose chord bound is within 2 EPS of U. Any other costs more
         * than U + 2 EPS: it loses to each of those by more than EPS (whatever the order), so leaving it out of the
         * records changes neither the runner-up nor anything else. The rest stay uncosted ({@code sc.singleCosted}
         * false) and {@link #singleCertified} skips them.
         */
        private void costRunnerUps(int b, int[] singles, int ns, double[] lbShip, double[] lbUnit) {
            double[] shipCost = p.shipCost;
            double[] unitCost = p.unitCost;
            long demand = p.totalDemand;
            int[] at = sc.singleAt;
            boolean[] costed = sc.singleCosted;
            double u = Double.POSITIVE_INFINITY;
            int next = -1;
            double low = Double.POSITIVE_INFINITY;
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                if (i == b) {
                    continue;
                }
                if (costed[k]) {
                    double c = shipCost[i] + unitCost[i] * demand;
                    if (c < u) {
                        u = c;
                    }
                } else {
                    int q = at[k];
                    double l = lbShip[q] + lbUnit[q] * demand;
                    if (next < 0 || l < low) {
                        low = l;
                        next = k;
                    }
                }
            }
            if (u == Double.POSITIVE_INFINITY && next >= 0) {
                p.cost(singles[next]);
                costed[next] = true;
                int i = singles[next];
                u = shipCost[i] + unitCost[i] * demand;
            }
            boolean more = true;
            while (more) {
                more = false;
                for (int k = 0; k < ns; k++) {
                    int i = singles[k];
                    if (i == b) {
                        continue;
                    }
                    if (!costed[k]) {
                        int q = at[k];
                        if (lbShip[q] + lbUnit[q] * demand > u + 2 * EPS) {
                            continue;
                        }
                        p.cost(i);
                        costed[k] = true;
                    }
                    double c = shipCost[i] + unitCost[i] * demand;
                    if (c > u && !(c > u + 2 * EPS)) {
                        u = c;
                        more = true;
                    }
                }
            }
        }

        /**
         * The plan of the single location b (cost bc) proven optimal before any plan of two or more shipments was
         * costed: every single location evaluated, nothing else ({@code sc.certified}).
         */
        private RoutingPlan singleCertified(String name, int b, double bc, int[] singles, int ns) {
            double[] shipCost = p.shipCost;
            double[] unitCost = p.unitCost;
            long demand = p.totalDemand;
            sc.certified = true;
            int[] one = sc.set(1);
            one[0] = b;
            record(bc, 1, p.prio[b], one);
            boolean[] costed = sc.singleCosted;
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                if (i != b && costed[k]) {
                    one[0] = i;
                    record(shipCost[i] + unitCost[i] * demand, 1, p.prio[i], one);
                }
            }
            // best is {b}, which ships the whole order alone: the assignment over it (solutionOf) takes every
            // line's demand there, line by line
            Solution sol;
            if (fast) {
                sol = new Solution(p);
                int[] lineDemand = p.demand;
                for (int s = 0; s < m; s++) {
                    sol.add(b, s, lineDemand[s], 0);
                }
            } else {
                sol = solutionOf(best);
            }
            return Plans.plan(p, name, sol, true, 0.0, ru, ru == null ? Double.NaN : ruCost, "proven optimal");
        }

        /**
         * Whether every candidate's per-line bound of a plan of two or more shipments ({@link #certificate})
         * exceeds {@code limit}: one pass over the candidates' lines for the cheapest unit cost per line and the
         * two cheapest shipments per line, then the candidates whose coarse bound does not already exceed it.
         */
        private boolean linesAbove(int[] cand, int nc, double[] lbShip, double[] lbUnit, int ship1, double shipLow1,
                                   double shipLow2, double limit) {
            double units = lineStats(cand, nc, lbShip, lbUnit);
            if (shipSorted) {
                // by (bound, position): once a candidate's bound plus the cheapest other shipment (at most its own
                // other) is above the limit, so is every later one's (sums of larger terms are not smaller)
                int[] order = sc.byShip;
                for (int t = 0; t < nc; t++) {
                    int q = order[t];
                    double f = lbShip[q] + units;
                    if (!(f + shipLow1 <= limit)) {
                        return true;
                    }
                    if (twoShipmentsWithin(cand, q, f, q == ship1 ? shipLow2 : shipLow1, limit)) {
                        return false;
                    }
                }
                return true;
            }
            for (int q = 0; q < nc; q++) {
                if (twoShipmentsWithin(cand, q, lbShip[q] + units, q == ship1 ? shipLow2 : shipLow1, limit)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether candidate {@code q}, its shipment bound and the units' bound being {@code f}, may still be part of
         * a plan of two or more shipments within {@code limit}: {@code f} plus, per line it cannot take whole (too
         * little stock or capacity), the cheapest shipment bound of another holder (the scratch's per-line minima),
         * and at least {@code other}, the cheapest other shipment.
         */
        private boolean twoShipmentsWithin(int[] cand, int q, double f, double other, double limit) {
            if (!(f + other <= limit)) {
                return false;
            }
            double[] min1 = sc.lineMin1;
            double[] min2 = sc.lineMin2;
            int[] arg1 = sc.lineArg1;
            int[] avail = p.avail;
            int[] demand = p.demand;
            int base = cand[q] * m;
            int capI = p.cap[cand[q]];
            double e = other;
            for (int s = 0; s < m; s++) {
                int d = demand[s];
                if (avail[base + s] < d || capI < d) {
                    double o = arg1[s] == q ? min2[s] : min1[s];
                    if (o > e) {
                        e = o;
                    }
                }
            }
            return f + e <= limit;
        }

        /**
         * A cheaper sufficient test for {@link #linesAbove} (true only when it is true; false says nothing) that
         * reads the lines of the near candidates only: those whose shipment cost bound is at most {@code limit -
         * shipLow1 - unitLowD} (plus a margin of {@link #NEAR_MARGIN} relative, for rounding). Every other candidate
         * q is settled without its lines: its bound is at least {@code lbShip[q] + units + shipLow1} and units is at
         * least {@code unitLowD}, the order's demand at the cheapest unit cost bound. The per-line quantities of the
         * near candidates bound those of {@link #lineStats}: a line's cheapest unit cost bound is at least the
         * cheaper of its near holders' and every far candidate's (so these units never exceed lineStats'), and a
         * line's two cheapest shipment bounds among near holders are either those of all holders or a far one's,
         * which alone puts the candidate's bound above the limit. Not tried (false) when more than {@link
         * #NEAR_MAX} or more than 3 in 5 of the candidates are near.
         */
        private boolean nearLinesAbove(int[] cand, int nc, double[] lbShip, double[] lbUnit, int ship1,
                                       double shipLow1, double shipLow2, double unitLowD, double limit) {
            double nearMax = limit - shipLow1 - unitLowD;
            nearMax += NEAR_MARGIN * Math.max(1.0, Math.abs(limit));
            if (!(nearMax < Double.POSITIVE_INFINITY)) {
                return false;
            }
            int[] near = sc.near(nc);
            int k = 0;
            double farUnit = Double.POSITIVE_INFINITY;
            // the test is not tried with more than kMax near candidates: it gives up as soon as the count passes it
            // (the count only grows; the same answer as counting them all)
            int kMax = nearLimit(nc);
            for (int q = 0; q < nc; q++) {
                // without a branch on near or far (close to a coin toss): the sign of nearMax - lbShip (nearMax is
                // finite and distinct doubles differ by a nonzero, so far exactly when lbShip > nearMax; a NaN
                // bound would count as near, which only costs its row)
                long far = Double.doubleToRawLongBits(nearMax - lbShip[q]) >> 63;
                near[k] = q;
                k += (int) (far + 1);
                if (k > kMax) {
                    return false;
                }
                double y = Double.longBitsToDouble(Double.doubleToRawLongBits(lbUnit[q]) & far | INF_BITS & ~far);
                if (y < farUnit) {
                    farUnit = y;
                }
            }
            // the scratch's line arrays hold these bounds only for this test (lineStats, when it runs, overwrites
            // them: linesReady stays false)
            sc.lines(m);
            double[] min1 = sc.lineMin1;
            double[] min2 = sc.lineMin2;
            int[] arg1 = sc.lineArg1;
            double[] unitMin = sc.lineUnit;
            java.util.Arrays.fill(min1, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(min2, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(unitMin, 0, m, farUnit);
            java.util.Arrays.fill(arg1, 0, m, -1);
            int[] avail = p.avail;
            long[] lineMask = p.lineMask;
            for (int j = 0; j < k; j++) {
                int q = near[j];
                int base = cand[q] * m;
                double x = lbShip[q];
                double y = lbUnit[q];
                // the lines it has units of, in line order: the build's mask, else its row
                long lines = 0L;
                if (lineMask != null) {
                    lines = lineMask[cand[q]];
                } else {
                    for (int s = 0; s < m; s++) {
                        if (avail[base + s] > 0) {
                            nearLine(s, x, y, q, unitMin, min1, min2, arg1);
                        }
                    }
                }
                for (; lines != 0L; lines &= lines - 1) {
                    nearLine(Long.numberOfTrailingZeros(lines), x, y, q, unitMin, min1, min2, arg1);
                }
            }
            int[] demand = p.demand;
            double units = 0.0;
            for (int s = 0; s < m; s++) {
                units += demand[s] * unitMin[s];
            }
            for (int j = 0; j < k; j++) {
                int q = near[j];
                if (twoShipmentsWithin(cand, q, lbShip[q] + units, q == ship1 ? shipLow2 : shipLow1, limit)) {
                    return false;
                }
            }
            sc.nearCertified = true;
            return true;
        }

        /** Line s of near candidate q (shipment bound x, unit bound y) into {@link #nearLinesAbove}'s minima. */
        private static void nearLine(int s, double x, double y, int q, double[] unitMin, double[] min1, double[] min2,
                                     int[] arg1) {
            if (y < unitMin[s]) {
                unitMin[s] = y;
            }
            if (x < min1[s]) {
                min2[s] = min1[s];
                min1[s] = x;
                arg1[s] = q;
            } else if (x < min2[s]) {
                min2[s] = x;
            }
        }

        /** Whether the single certificate stopped at two single locations within EPS of the cheapest cost. */
        private boolean singlesTied;
        /** {@link MinCost#coverBounds} on this call's problem; its bound of three or more in {@code sc.coverThree}. */
        private double coverBounds(int[] cand, int nc, double[] lbShip, double units, double cap) {
            // with the shortcuts lineStats' masks of held lines (it ran in this call, fast: the certificates call this
            // after it)
            return MinCost.coverBounds(m, p.avail, cand, nc, lbShip, sc.lineMin1, units, cap, sc,
                    fast && linesReady ? sc.holds : null);
        }
        /** Whether {@link #lineStats} ran in this call (its results are in the scratch's line arrays). */
        private boolean linesReady;
        /** Whether {@link #lineStats} left every candidate position in {@code sc.byShip}, sorted by (lbShip, q). */
        private boolean shipSorted;
        /** {@link #lineStats}' units at the cheapest unit cost bound per line. */
        private double linesUnits;

        /**
         * One pass over the candidates' lines (chord bounds, positions q in {@code cand}): per line the cheapest unit
         * cost bound of a holder ({@code sc.lineUnit}) and the two cheapest shipment cost bounds of holders
         * ({@code sc.lineMin1}, {@code sc.lineMin2}, the first at position {@code sc.lineArg1}); returns every
         * line's demand at its cheapest unit cost bound (+inf when a line has no holder). Computed once per call.
         */
        private double lineStats(int[] cand, int nc, double[] lbShip, double[] lbUnit) {
            if (linesReady) {
                return linesUnits;
            }
            shipSorted = false;
            sc.lines(m);
            double[] min1 = sc.lineMin1;
            double[] min2 = sc.lineMin2;
            int[] arg1 = sc.lineArg1;
            double[] unitMin = sc.lineUnit;
            int[] avail = p.avail;
            if (fast && m <= 64) {
                // the lines each candidate has units of, as a bit mask (the build's, else one pass along each
                // candidate's row) ...
                long[] holds = sc.holds(nc);
                long[] lineMask = p.lineMask;
                for (int q = 0; q < nc && lineMask != null; q++) {
                    holds[q] = lineMask[cand[q]];
                }
                for (int q = 0; q < nc && lineMask == null; q++) {
                    int base = cand[q] * m;
                    long h = 0L;
                    for (int s = 0; s < m; s++) {
                        // bit s set when the availability (never negative) is positive
                        h |= (long) (-avail[base + s] >>> 31) << s;
                    }
                    holds[q] = h;
                }
                // ... then, for at most LINE_FILTER_MAX of them (every call: the certificates run on no more), from
                // their order by shipment bound ...
                boolean sorted = nc <= LINE_FILTER_MAX;
                if (sorted) {
                    sortedLineStats(nc, lbShip, lbUnit, holds);
                }
                // ... else line by line (the minima in registers), the candidates in order: per line the same
                // comparisons on the same values as one pass over the candidates would make
                for (int s = 0; s < m && !sorted; s++) {
                    double m1 = Double.POSITIVE_INFINITY;
                    double m2 = Double.POSITIVE_INFINITY;
                    double um = Double.POSITIVE_INFINITY;
                    int a1 = -1;
                    for (int q = 0; q < nc; q++) {
                        // +inf where the line has no available unit, selected on the bits (no branch on a coin toss)
                        long none = (holds[q] >>> s & 1L) - 1L;
                        double x = Double.longBitsToDouble(Double.doubleToRawLongBits(lbShip[q]) & ~none
                                | INF_BITS & none);
                        double y = Double.longBitsToDouble(Double.doubleToRawLongBits(lbUnit[q]) & ~none
                                | INF_BITS & none);
                        if (y < um) {
                            um = y;
                        }
                        if (x < m1) {
                            m2 = m1;
                            m1 = x;
                            a1 = q;
                        } else if (x < m2) {
                            m2 = x;
                        }
                    }
                    min1[s] = m1;
                    min2[s] = m2;
                    unitMin[s] = um;
                    arg1[s] = a1;
                }
            } else {
                java.util.Arrays.fill(min1, 0, m, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(min2, 0, m, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(unitMin, 0, m, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(arg1, 0, m, -1);
                for (int q = 0; q < nc; q++) {
                    int base = cand[q] * m;
                    long fBits = Double.doubleToRawLongBits(lbShip[q]);
                    long uBits = Double.doubleToRawLongBits(lbUnit[q]);
                    for (int s = 0; s < m; s++) {
                        long none = (avail[base + s] - 1) >> 31;
                        double x = Double.longBitsToDouble(fBits & ~none | INF_BITS & none);
                        double y = Double.longBitsToDouble(uBits & ~none | INF_BITS & none);
                        nearLine(s, x, y, q, unitMin, min1, min2, arg1);
                    }
                }
            }
            int[] demand = p.demand;
            double units = 0.0;
            for (int s = 0; s < m; s++) {
                units += demand[s] * unitMin[s];
            }
            linesReady = true;
            linesUnits = units;
            return units;
        }

        /**
         * {@link #lineStats}' minima for at most {@link MinCost#LINE_FILTER_MAX} candidates ({@code holds} their
         * masks of held lines): the candidates by (shipment cost bound, position), once, into {@code sc.byShip} (the
         * pair certificate's list is a part of that order); per line the first two holders in that order give its two
         * cheapest shipment bounds (the first at the least position among the cheapest, as the pass in position
         * order with strict comparisons keeps), and the unit minima by masks of held lines.
         */
        private void sortedLineStats(int nc, double[] lbShip, double[] lbUnit, long[] holds) {
            double[] min1 = sc.lineMin1;
            double[] min2 = sc.lineMin2;
            int[] arg1 = sc.lineArg1;
            double[] unitMin = sc.lineUnit;
            shipSorted = true;
            sc.shipOrder(nc);
            MinCost.sortByShip(sc.byShip, sc.shipBucket, sc.shipCount, nc, lbShip);
            int[] order = sc.byShip;
            java.util.Arrays.fill(min1, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(min2, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(arg1, 0, m, -1);
            long one = 0L;
            long two = 0L;
            long every = m == 64 ? -1L : (1L << m) - 1;
            for (int t = 0; t < nc && two != every; t++) {
                int q = order[t];
                long h = holds[q];
                double x = lbShip[q];
                for (long first = h & ~one; first != 0L; first &= first - 1) {
                    int s = Long.numberOfTrailingZeros(first);
                    min1[s] = x;
                    arg1[s] = q;
                }
                long second = h & one & ~two;
                for (; second != 0L; second &= second - 1) {
                    min2[Long.numberOfTrailingZeros(second)] = x;
                }
                two |= h & one;
                one |= h;
            }
            if (m <= MASK_LINES) {
                // the least unit bound per mask of held lines, then per line the least of the masks with it
                // (the same minimum: every holder's bound is among those of its mask)
                int size = 1 << m;
                double[] byMask = sc.maskUnit;
                java.util.Arrays.fill(byMask, 0, size, Double.POSITIVE_INFINITY);
                for (int q = 0; q < nc; q++) {
                    int h = (int) holds[q];
                    double y = lbUnit[q];
                    if (y < byMask[h]) {
                        byMask[h] = y;
                    }
                }
                java.util.Arrays.fill(unitMin, 0, m, Double.POSITIVE_INFINITY);
                for (int h = 1; h < size; h++) {
                    double y = byMask[h];
                    if (y == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    for (int bitsLeft = h; bitsLeft != 0; bitsLeft &= bitsLeft - 1) {
                        int s = Integer.numberOfTrailingZeros(bitsLeft);
                        if (y < unitMin[s]) {
                            unitMin[s] = y;
                        }
                    }
                }
            } else {
                for (int s = 0; s < m; s++) {
                    double um = Double.POSITIVE_INFINITY;
                    for (int q = 0; q < nc; q++) {
                        long none = (holds[q] >>> s & 1L) - 1L;
                        double y = Double.longBitsToDouble(Double.doubleToRawLongBits(lbUnit[q]) & ~none
                                | INF_BITS & none);
                        if (y < um) {
                            um = y;
                        }
                    }
                    unitMin[s] = um;
                }
            }
        }

        /**
         * The plan of the best pair of locations when bounds prove it optimal before the search, else null (without
         * allow_partial, max_shipments at least 2, 2 to {@link #LINE_FILTER_MAX} candidates, at most 64 lines), on
         * the request's chord bounds of the candidates' costs (so the decision is the same on every path): U every
         * line's demand at its cheapest unit cost bound, Zs the cost of the cheapest single location that ships
         * the whole order (+inf when none does). A pair {x, y} costs at least {@code F_x + F_y + U}; a candidate
         * whose {@code F_x} plus the cheapest other shipment plus U exceeds Zs + EPS is in no pair cheaper than
         * every single. The pairs of the others, in shipment cost order, whose bound is within EPS of the best pair
         * costed so far and whose two locations have some unit of every line, are costed exactly (the optimal
         * assignment over both); Z is the cheapest, of a pair that ships from both. It is the plan when every single
         * location and every other pair costed cost more than Z + EPS and a bound of every plan of three or more
         * shipments exceeds Z + EPS (the three cheapest shipments plus U; when that is not enough, on at most
         * {@link #COVER_MAX_LINES} lines, the cover bound {@link #coverBounds} plus U): every pair not costed was
         * bounded above a cost of at least Z + EPS. Or the best single location (the only one within EPS of Zs: the
         * single certificate found no tie) is the plan when every pair costed costs more than Zs + EPS and that bound
         * exceeds Zs + EPS. The evaluated sets are the pairs costed and every single location; when nothing is
         * proven, the pairs costed stay evaluated (the best is an incumbent of the search that follows). Not tried
         * when the single certificate stopped at a tie between single locations. When more than {@link #EXACT_LIMIT}
         * candidates can be in a pair cheaper than every single: with more than {@link #COVER_MAX_LINES} lines it
         * gives up; else the cover bound of two or more shipments may prove the best single first (then only the
         * singles are evaluated, as after the first certificate), and otherwise the longer list is tried, evaluating
         * nothing when it proves nothing. It gives up as soon as that bound of three or more is not above the
         * cheapest of the best single, the best pair found and the bound of the pairs left, plus EPS (the cover bound
         * is computed once, when the cheaper of the first two is finite, capped at it + EPS; before that such a
         * comparison does not end the attempt).
         */
        private RoutingPlan pairCertificate(String name, int[] cand, int nc, int[] singles, int ns, double[] lbShip,
                                            double[] lbUnit, int ship1, double shipLow1, double shipLow2) {
            if (m > 64) {
                return null;
            }
            if (singlesTied) {
                return null; // rarely provable, and the per-line minima are not computed yet
            }
            double units = lineStats(cand, nc, lbShip, lbUnit);
            if (units == Double.POSITIVE_INFINITY) {
                return null;
            }
            double[] shipCost = p.shipCost;
            double[] unitCost = p.unitCost;
            long total = p.totalDemand;
            double zs = Double.POSITIVE_INFINITY;
            int zb = -1;
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                double c = shipCost[i] + unitCost[i] * total;
                if (c < zs) {
                    zs = c;
                    zb = i;
                }
            }
            // the candidates that can be in a pair cheaper than every single, by (shipment cost bound, position),
            // and the third cheapest shipment cost bound
            int[] list = sc.pairList(nc);
            int nl = 0;
            boolean coverDone = false;
            double cover3 = Double.NaN;
            double limitS = zs + EPS;
            double a1 = Double.POSITIVE_INFINITY;
            double a2 = Double.POSITIVE_INFINITY;
            double a3 = Double.POSITIVE_INFINITY;
            // with lineStats' order the list comes out sorted (a part of that order): the three cheapest are its
            // first three (the same values as the pass below keeps, ties in position order), and once a bound plus
            // the cheapest other shipment (at most its own other) and U is above limitS, so is every later one's
            boolean sorted = fast && linesReady && shipSorted;
            if (sorted) {
                int[] byShip = sc.byShip;
                a1 = lbShip[byShip[0]];
                a2 = lbShip[byShip[1]];
                a3 = nc > 2 ? lbShip[byShip[2]] : Double.POSITIVE_INFINITY;
                for (int t = 0; t < nc; t++) {
                    int q = byShip[t];
                    double f = lbShip[q];
                    if (!(f + shipLow1 + units <= limitS)) {
                        break;
                    }
                    double other = q == ship1 ? shipLow2 : shipLow1;
                    if (!(f + other + units <= limitS)) {
                        continue;
                    }
                    if (nl == EXACT_LIMIT && !coverDone) {
                        // more than EXACT_LIMIT of them: as in the pass below (the same call whichever member is the
                        // first past EXACT_LIMIT: the cover bounds read every candidate, not the list)
                        if (m > COVER_MAX_LINES) {
                            return null;
                        }
                        coverDone = true;
                        if (zb >= 0 && coverBounds(cand, nc, lbShip, units, limitS) + units > limitS) {
                            return singleCertified(name, zb, zs, singles, ns);
                        }
                        cover3 = zb >= 0 ? sc.coverThree : Double.NaN;
                    }
                    list[nl++] = q;
                }
            }
            for (int q = 0; q < nc && !sorted; q++) {
                double f = lbShip[q];
                if (f < a3) {
                    if (f < a2) {
                        a3 = a2;
                        if (f < a1) {
                            a2 = a1;
                            a1 = f;
                        } else {
                            a2 = f;
                        }
                    } else {
                        a3 = f;
                    }
                }
                double other = q == ship1 ? shipLow2 : shipLow1;
                if (!(f + other + units <= limitS)) {
                    continue;
                }
                if (nl == EXACT_LIMIT && !coverDone) {
                    if (m > COVER_MAX_LINES) {
                        return null; // more than EXACT_LIMIT of them, and no cover bound
                    }
                    // more than EXACT_LIMIT of them (many pairs to go through): first the cover bounds, capped at
                    // limitS; the best single location is the plan when every plan of two or more shipments is
                    // bounded above zs + EPS, else the bound of three or more is kept for below
                    coverDone = true;
                    if (zb >= 0 && coverBounds(cand, nc, lbShip, units, limitS) + units > limitS) {
                        return singleCertified(name, zb, zs, singles, ns);
                    }
                    cover3 = zb >= 0 ? sc.coverThree : Double.NaN;
                }
                list[nl++] = q;
            }
            if (nl < 2) {
                return null;
            }
            // sorted by (shipment cost bound, position): stable, from position order. With the shortcuts a list
            // longer than EXACT_LIMIT is sorted lazily: list[0..ready) is the sorted list's prefix, the rest in
            // position order, and the loop below extends the prefix (sortedPrefix) before it reads past it (it
            // reads few of a long list: the pairs' bounds soon pass the best pair's cost)
            int ready = nl;
            if (fast && nl > EXACT_LIMIT && !sorted) {
                ready = 0;
            } else if (nl > EXACT_LIMIT && !sorted) {
                // the bounds are finite and never -0.0 (sums of non-negative terms): Double.compare's order is <'s
                IntSort.byKey(list, nl, lbShip, null);
            }
            if (nl <= EXACT_LIMIT && !sorted) {
                IntSort.insertionByKey(list, nl, lbShip);
            }
            // the lines each of them holds, as masks, by candidate position q: with the shortcuts lineStats' masks
            // (it ran in this call, fast, on the same positions), else from the availability
            int[] avail = p.avail;
            int[] demand = p.demand;
            long[] held;
            if (fast) {
                held = sc.holds;
            } else {
                held = sc.pairHeld(nc);
                for (int t = 0; t < nl; t++) {
                    int q = list[t];
                    int base = cand[q] * m;
                    long h = 0L;
                    for (int s = 0; s < m; s++) {
                        // bit s set when the availability is positive (never negative)
                        h |= (long) (-avail[base + s] >>> 31) << s;
                    }
                    held[q] = h;
                }
            }
            long all = m == 64 ? -1L : (1L << m) - 1;
            // with the shortcuts and at most 64 in the list, once the partners read one by one exceed the list's
            // length (building the masks costs about as much as reading a few times that many), per line the list's
            // indices of its holders as a mask: the partners of x that hold every line x lacks are the bits of those
            // lines, and only those are read (the others fail the test of held lines below, which changes nothing)
            boolean bitsAllowed = fast && nl <= EXACT_LIMIT;
            boolean bits = false;
            int scanned = 0;
            long[] lineBits = null;
            int[] cap = p.cap;
            int[] pair = sc.set(2);
            int bx = -1;
            int by = -1;
            double z = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            // pairs are costed while their bound is within EPS of the cheaper of the best pair and single so far
            double reach = limitS;
            // the bound of every plan of three or more shipments (it must exceed the pair's cost + EPS)
            double three = p.maxShipments > 2 ? a1 + a2 + a3 + units : Double.POSITIVE_INFINITY;
            // when a comparison needs more, the cover bound: every plan of three or more shipments ships from three or
            // more holders that cover every line. Computed once, when the cheaper of the best single and the best pair
            // so far is finite, with that + EPS as its cap: every later comparison of three is with at most that (the
            // best pair only falls); until then a failed comparison does not end the attempt
            boolean cover = m > COVER_MAX_LINES || cover3 == cover3;
            if (cover3 == cover3) {
                three = Math.max(three, cover3 + units);
            }
            // a longer list than EXACT_LIMIT that proves nothing leaves nothing evaluated (the search that follows
            // starts as it did before that list was tried; nothing was evaluated before this attempt)
            boolean longList = nl > EXACT_LIMIT;
            for (int tx = 0; tx + 1 < nl; tx++) {
                if (tx + 1 >= ready) {
                    ready = sortedPrefix(list, ready, nl, lbShip);
                }
                int qx = list[tx];
                double fx = lbShip[qx] + units;
                double next = fx + lbShip[list[tx + 1]];
                double th = Math.min(Math.min(z, zs), next) + EPS;
                double known = Math.min(z, zs);
                if (!(three > th) && !cover && known < Double.POSITIVE_INFINITY) {
                    cover = true;
                    coverBounds(cand, nc, lbShip, units, known + EPS);
                    three = Math.max(three, sc.coverThree + units);
                }
                if (!(three > th) && cover) {
                    // no single, no pair found and no pair left costs less than that bound - EPS: not provable
                    if (longList) {
                        forget();
                    }
                    return null;
                }
                if (!(next <= reach)) {
                    break; // every pair from here on has a bound at least this one's
                }
                int x = cand[qx];
                long match = 0L;
                long hx = held[qx];
                if (bitsAllowed && !bits && scanned > nl) {
                    bits = true;
                    lineBits = sc.lineBits(m);
                    java.util.Arrays.fill(lineBits, 0, m, 0L);
                    for (int t = 0; t < nl; t++) {
                        long h = held[list[t]];
                        for (int s = 0; s < m; s++) {
                            lineBits[s] |= (h >>> s & 1L) << t;
                        }
                    }
                }
                if (bits) {
                    // the indices after tx (tx + 1 < nl <= 64) that hold every line x lacks
                    match = (nl == 64 ? -1L : (1L << nl) - 1) & -1L << tx + 1;
                    for (long miss = all & ~hx; miss != 0L; miss &= miss - 1) {
                        match &= lineBits[Long.numberOfTrailingZeros(miss)];
                    }
                }
                int ty = tx;
                while (true) {
                    if (bits) {
                        if (match == 0L) {
                            break;
                        }
                        ty = Long.numberOfTrailingZeros(match);
                        match &= match - 1;
                    } else {
                        if (++ty >= nl) {
                            break;
                        }
                        scanned++;
                        if (ty >= ready) {
                            ready = sortedPrefix(list, ready, nl, lbShip);
                        }
                    }
                    int qy = list[ty];
                    if (!(fx + lbShip[qy] <= reach)) {
                        break;
                    }
                    if ((hx | held[qy]) != all) {
                        continue;
                    }
                    int y = cand[qy];
                    if ((long) cap[x] + cap[y] < total) {
                        continue;
                    }
                    boolean covers = true;
                    for (int s = 0; s < m; s++) {
                        covers &= (long) avail[x * m + s] + avail[y * m + s] >= demand[s];
                    }
                    if (!covers) {
                        continue;
                    }
                    p.cost(x);
                    p.cost(y);
                    pair[0] = x;
                    pair[1] = y;
                    if (fast) {
                        sortPair(pair);
                    } else {
                        p.sortByUnitCost(pair, 2);
                    }
                    int l0;
                    int l1;
                    if (fast) {
                        long loads = pairLoads(p, pair[0], pair[1]);
                        if (loads < 0) {
                            continue;
                        }
                        l0 = (int) loads;
                        l1 = (int) (total - loads);
                    } else {
                        assigner.assign(p, pair, 2, 2);
                        boolean filled = true;
                        for (int s = 0; s < m; s++) {
                            filled &= assigner.unfilled(s) == 0;
                        }
                        if (!filled) {
                            continue;
                        }
                        l0 = assigner.load(0);
                        l1 = assigner.load(1);
                    }
                    // summed as offer sums a set (only the locations that ship)
                    double c = 0;
                    if (l0 > 0) {
                        c += shipCost[pair[0]] + unitCost[pair[0]] * l0;
                    }
                    if (l1 > 0) {
                        c += shipCost[pair[1]] + unitCost[pair[1]] * l1;
                    }
                    if (l0 == 0 || l1 == 0) {
                        // one location ships (a single, which every plan from these two costs at least)
                        int i = l0 > 0 ? pair[0] : pair[1];
                        pair[0] = i;
                        record(c, 1, p.prio[i], pair);
                        second = Math.min(second, c);
                        continue;
                    }
                    record(c, 2, (long) p.prio[pair[0]] + p.prio[pair[1]], pair);
                    if (c < z) {
                        second = Math.min(second, z);
                        z = c;
                        bx = pair[0];
                        by = pair[1];
                        reach = Math.min(reach, z + EPS);
                    } else {
                        second = Math.min(second, c);
                    }
                }
            }
            double limit = z + EPS;
            double known = Math.min(z, zs);
            if (!(three > known + EPS) && !cover && known < Double.POSITIVE_INFINITY) {
                coverBounds(cand, nc, lbShip, units, known + EPS);
                three = Math.max(three, sc.coverThree + units);
            }
            boolean pairBest = bx >= 0 && second > limit && zs > limit && three > limit;
            // or the best single location (the only one within EPS of zs: the single certificate found no tie)
            // beats every pair costed and every plan of three or more by more than EPS; every pair not costed was
            // bounded above zs + EPS (reach stayed limitS)
            boolean singleBest = !pairBest && zs < Double.POSITIVE_INFINITY && z > limitS && three > limitS;
            sc.singleAfterPairs = singleBest;
            if (!pairBest && !singleBest) {
                // not proven: the pairs costed stay evaluated (the best is the search's first incumbent), but for a
                // list longer than EXACT_LIMIT
                if (longList) {
                    forget();
                }
                return null;
            }
            int[] one = sc.set(1);
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                one[0] = i;
                record(shipCost[i] + unitCost[i] * total, 1, p.prio[i], one);
            }
            Solution sol = solutionOf(best);
            return Plans.plan(p, name, sol, true, 0.0, ru, ru == null ? Double.NaN : ruCost, "proven optimal");
        }

        /**
         * Extends the sorted prefix {@code list[0..ready)} of the pair certificate's list (positions q, sorted by
         * (lbShip[q], q), the whole list's stable sort from position order) by the max(16, ready) least of the rest
         * ({@code list[ready..nl)}, in position order: kept so), all of the rest when fewer; returns the new length
         * of the prefix. Every one of the rest sorts after every one of the prefix.
         */
        private int sortedPrefix(int[] list, int ready, int nl, double[] lbShip) {
            int want = Math.min(nl - ready, Math.max(16, ready));
            int[] buf = sc.pairBuf(want);
            int nb = 0;
            // the want least in (bound, position) order, by insertion; the rest are read in position order, so one
            // whose bound equals one kept sorts after it
            for (int t = ready; t < nl; t++) {
                int q = list[t];
                double f = lbShip[q];
                if (nb == want) {
                    if (!(f < lbShip[buf[nb - 1]])) {
                        continue;
                    }
                    nb--;
                }
                int j = nb;
                while (j > 0 && lbShip[buf[j - 1]] > f) {
                    buf[j] = buf[j - 1];
                    j--;
                }
                buf[j] = q;
                nb++;
            }
            if (nb == nl - ready) {
                System.arraycopy(buf, 0, list, ready, nb);
                return nl;
            }
            // the others, in position order, after them: those after the last kept in (bound, position) order
            int last = buf[nb - 1];
            double fl = lbShip[last];
            int[] rest = sc.pairHigh(nl - ready - nb);
            int r = 0;
            for (int t = ready; t < nl; t++) {
                int q = list[t];
                double f = lbShip[q];
                if (f > fl || f == fl && q > last) {
                    rest[r++] = q;
                }
            }
            System.arraycopy(buf, 0, list, ready, nb);
            System.arraycopy(rest, 0, list, ready + nb, r);
            return ready + nb;
        }

        /** Forgets every set evaluated so far (best and runner-up as before the first). */
        private void forget() {
            best = null;
            bestCost = Double.POSITIVE_INFINITY;
            bestShip = Integer.MAX_VALUE;
            bestPrio = 0L;
            ru = null;
            ruCost = Double.POSITIVE_INFINITY;
            ruShip = 0;
            ruPrio = 0L;
        }

        /**
         * Counts {@code used[0..ship)} towards the runner-up only: nothing when it is the chosen set or better than
         * it (then it is not an alternative to the chosen plan).
         */
        private void runnerUpOnly(double cost, int ship, int prio, int[] used) {
            if (best == null || sameSet(used, ship, best)
                    || better(cost, ship, prio, used, bestCost, bestShip, bestPrio, best)) {
                return;
            }
            if (ru == null
                    || (!sameSet(used, ship, ru) && better(cost, ship, prio, used, ruCost, ruShip, ruPrio, ru))) {
                ru = java.util.Arrays.copyOf(used, ship);
                ruCost = cost;
                ruShip = ship;
                ruPrio = prio;
            }
        }

        // --- bounds and incumbents ------------------------------------------------------------------------

        /**
         * Pass 2 of {@link #solve}: the exact costs of the candidates at positions {@code seeds[0..ns)} of
         * {@code cand} (duplicates are costed once), then of every other candidate whose shipment cost bound is
         * below the second cheapest exact shipment cost so far or whose unit cost bound sorts before the last of
         * the exact prefix so far; leaves the {@code size} cheapest candidates in (unit cost, rank, index) order in
         * {@code sc.top[0..nt)} and the two cheapest shipment costs of all candidates in min1, min2 (arg1). Which
         * candidates are costed depends on the seeds; the results do not.
         */
        private void exactPass(int[] cand, int nc, int[] seeds, int ns, int size, int[] rank, double[] lbShip,
                               double[] lbUnit) {
            nt = 0;
            min1 = Double.POSITIVE_INFINITY;
            min2 = Double.POSITIVE_INFINITY;
            arg1 = -1;
            boolean[] mark = sc.mark;
            for (int b = 0; b < ns; b++) {
                int q = seeds[b];
                if (mark[q]) {
                    continue;
                }
                mark[q] = true;
                int i = cand[q];
                p.cost(i);
                exactShip(i);
                exactPrefix(i, size);
            }
            int[] top = sc.top;
            double[] topKey = sc.topKey;
            int[] topRank = sc.topRank;
            for (int q = 0; q < nc; q++) {
                if (mark[q]) {
                    mark[q] = false;
                    continue;
                }
                int i = cand[q];
                boolean ship = lbShip[q] < min2;
                boolean pre = nt < size || less(lbUnit[q], rank[i], i, topKey[nt - 1], topRank[nt - 1], top[nt - 1]);
                if (ship || pre) {
                    p.cost(i);
                    if (ship) {
                        exactShip(i);
                    }
                    if (pre) {
                        exactPrefix(i, size);
                    }
                }
            }
        }

        /**
         * The candidates whose unit cost is at most the {@code want}-th smallest, sorted: a prefix of the full
         * (unit cost, priority, id) order, since every candidate left out costs more per unit. Null when a unit
         * cost is NaN (then only the full sort is used).
         */
        int[] cheapestPrefix(int[] inOrder, int nc, int want) {
            int[] out = atMostKth(inOrder, nc, p.unitCost, want);
            if (out != null) {
                p.sortByUnitCost(out, out.length);
            }
            return out;
        }

        /** {@link #relaxedUnits} over a prefix of the sorted candidates; NaN when it does not fill every line. */
        double relaxedUnitsFilled(int[] sortedPrefix) {
            return relaxedFill(sortedPrefix, true);
        }

        /** Capacity-relaxed cheapest fill over {@code byUnitCost}-sorted candidates (+ penalty), or +inf. */
        double relaxedUnits(int[] sorted) {
            return relaxedFill(sorted, false);
        }

        /**
         * Fills each line from the sorted candidates, capacity relaxed per line; a short line makes the result NaN
         * ({@code nanIfShort}, a prefix that may not be enough), else +inf, or its penalty when partial plans are allowed.
         */
        private double relaxedFill(int[] sorted, boolean nanIfShort) {
            double total = 0;
            for (int s = 0; s < m; s++) {
                int rem = p.demand[s];
                for (int i : sorted) {
                    if (rem == 0) {
                        break;
                    }
                    int take = Math.min(Math.min(p.avail[i * m + s], rem), p.cap[i]);
                    if (take > 0) {
                        total += take * p.unitCost[i];
                        rem -= take;
                    }
                }
                if (rem > 0) {
                    if (nanIfShort) {
                        return Double.NaN;
                    }
                    if (!p.partial) {
                        return Double.POSITIVE_INFINITY;
                    }
                    total += rem * p.penalty;
                }
            }
            return total;
        }

        /**
         * @param sorted candidates sorted by unit cost (all, or a prefix on which {@code walked} filled every line)
         * @param walked the cheapest-unit walk over {@code sorted}, or null to walk here
         * @param singles the candidates that ship the whole order alone, {@code ns} of them, in problem order
         */
        void incumbents(int[] sorted, Solution walked, int[] singles, int ns) {
            if (p.partial) {
                offer(new int[0], 0);
            }
            // best single location covering everything, visited in unit cost order
            p.sortByUnitCost(singles, ns);
            int single = -1;
            double singleCost = Double.POSITIVE_INFINITY;
            for (int k = 0; k < ns; k++) {
                int i = singles[k];
                double cost = p.shipCost[i] + p.unitCost[i] * p.totalDemand;
                if (cost < singleCost - EPS) {
                    single = i;
                    singleCost = cost;
                }
            }
            if (single >= 0) {
                offer(new int[] {single}, 1);
            }
            // cheapest-unit walk, then re-assigned exactly on its set
            Solution w = walked != null ? walked : Walks.walk(p, sorted);
            int[] set = usedSet(w);
            if (set.length > 0) {
                p.sortByUnitCost(set, set.length);
                offer(set, set.length);
            }
        }

        int[] usedSet(Solution w) {
            int[] set = new int[w.rows];
            int t = 0;
            for (int r = 0; r < w.rows; r++) {
                boolean seen = false;
                for (int j = 0; j < t; j++) {
                    if (set[j] == w.cand[r]) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    set[t++] = w.cand[r];
                }
            }
            return java.util.Arrays.copyOf(set, t);
        }

        /**
         * Keeps candidates j that can be part of a plan no worse than the incumbent: a plan using j costs at
         * least {@code F_j + u}, plus the cheapest other shipment cost when j cannot ship the whole order
         * alone (and partial plans are not allowed). Input sorted by unit cost; same order out.
         */
        int[] filter(int[] cands, double u) {
            double min1 = Double.POSITIVE_INFINITY;
            double min2 = Double.POSITIVE_INFINITY;
            int arg1 = -1;
            for (int i : cands) {
                double f = p.shipCost[i];
                if (f < min1) {
                    min2 = min1;
                    min1 = f;
                    arg1 = i;
                } else if (f < min2) {
                    min2 = f;
                }
            }
            boolean lines = cands.length <= LINE_FILTER_MAX;
            if (lines) {
                lineMins(cands, null, cands.length);
            }
            return filter(cands, null, cands.length, u, min1, min2, arg1, lines);
        }

        /** The candidates (and shipment cost lower bounds, or null for the exact ones) {@link #lineMinsNow} reads. */
        private int[] lineCands;
        private double[] lineLow;
        private int lineLen;
        /** Whether {@link #lineMinsNow} ran for the current {@link #lineMins} candidates. */
        private boolean linesDone;

        /**
         * Makes {@link #lineMinsNow} read {@code cands[0..len)}, with {@code low[q]} as candidate {@code cands[q]}'s
         * shipment cost (a lower bound) when given, else the exact costs; computed on first use.
         */
        private void lineMins(int[] cands, double[] low, int len) {
            sc.lines(m);
            linesDone = false;
            lineCands = cands;
            lineLow = low;
            lineLen = len;
        }

        /**
         * For every line s, the two smallest shipment costs among the {@link #lineMins} candidates that have the SKU
         * available ({@code sc.lineMin1[s]}, {@code sc.lineMin2[s]}, +inf when missing) and the candidate with the
         * smallest ({@code sc.lineArg1[s]}); one pass reading each candidate's row of availability in order.
         */
        private void lineMinsNow() {
            double[] min1 = sc.lineMin1;
            double[] min2 = sc.lineMin2;
            int[] arg1 = sc.lineArg1;
            java.util.Arrays.fill(min1, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(min2, 0, m, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(arg1, 0, m, -1);
            int[] cands = lineCands;
            double[] low = lineLow;
            int[] avail = p.avail;
            for (int q = 0; q < lineLen; q++) {
                int i = cands[q];
                double fi = low != null ? low[q] : p.shipCost[i];
                long bits = Double.doubleToRawLongBits(fi);
                int base = i * m;
                for (int s = 0; s < m; s++) {
                    // +inf instead of fi where the line has no available unit (then neither test below passes),
                    // selected on the bits: whether a store has a SKU is close to a coin toss, a branch on it is not
                    long none = (avail[base + s] - 1) >> 31; // -1 when the availability (never negative) is 0
                    double x = Double.longBitsToDouble(bits & ~none | INF_BITS & none);
                    if (x < min1[s]) {
                        min2[s] = min1[s];
                        min1[s] = x;
                        arg1[s] = i;
                    } else if (x < min2[s]) {
                        min2[s] = x;
                    }
                }
            }
            linesDone = true;
        }

        /**
         * A lower bound of the shipment costs, beyond its own, of a plan that uses candidate i: for each line that
         * i cannot fill alone, some other candidate with the SKU ships, so the dearest of the cheapest such others
         * (from {@link #lineMins}); when i can fill every line but not all of them (capacity), the cheapest other
         * shipment ({@code other}); 0 when i ships the whole order alone or partial plans are allowed.
         */
        private double othersAtLeast(int i, double other) {
            if (p.partial || alone[i]) {
                return 0.0;
            }
            int[] avail = p.avail;
            int[] demand = p.demand;
            int base = i * m;
            int capI = p.cap[i];
            // a line is short at i when availability - demand or capacity - demand is negative (all three are in
            // [0, MAX_VALUE], demand at least 1): sign bits instead of a branch per line
            int anyShort = 0;
            for (int s = 0; s < m; s++) {
                int d = demand[s];
                anyShort |= avail[base + s] - d | capI - d;
            }
            double extra = 0.0;
            if (anyShort < 0) {
                if (!linesDone) {
                    lineMinsNow();
                }
                double[] min1 = sc.lineMin1;
                double[] min2 = sc.lineMin2;
                int[] arg1 = sc.lineArg1;
                for (int s = 0; s < m; s++) {
                    int d = demand[s];
                    long isShort = (avail[base + s] - d | capI - d) >> 31; // -1 when short, else 0
                    double o = arg1[s] == i ? min2[s] : min1[s];
                    // o on a short line, +0.0 (which never raises extra) on the others
                    double v = Double.longBitsToDouble(Double.doubleToRawLongBits(o) & isShort);
                    if (v > extra) {
                        extra = v;
                    }
                }
            }
            return extra > other ? extra : other;
        }

        /**
         * {@link #filter(int[], double)} of {@code cands[0..len)} with the two cheapest shipment costs of those
         * candidates given ({@code arg1} has the cheapest; with a tie min1 == min2, so which one it is does not
         * change any bound). {@code low[q]}, when given, is a lower bound of candidate {@code cands[q]}'s
         * shipment cost: a candidate that fails with it fails with the exact cost (the bound expression is
         * monotone), so only the others are costed and tested exactly. Costed candidates out.
         */
        int[] filter(int[] cands, double[] low, int len, double u, double min1, double min2, int arg1,
                     boolean lines) {
            int[] out = sc.filtered.length >= len ? sc.filtered : new int[len];
            int t = 0;
            double limit = bestCost + EPS;
            boolean partial = p.partial;
            for (int q = 0; q < len; q++) {
                int i = cands[q];
                double other = partial || alone[i] ? 0.0 : i == arg1 ? min2 : min1;
                // the cheapest other shipment first (no line scan), then the per-line bound
                if (low != null) {
                    double f = low[q] + u;
                    if (!(f + other <= limit) || lines && !(f + othersAtLeast(i, other) <= limit)) {
                        continue;
                    }
                    p.cost(i);
                }
                double f = p.shipCost[i] + u;
                if (f + other <= limit && (!lines || f + othersAtLeast(i, other) <= limit)) {
                    out[t++] = i;
                }
            }
            return java.util.Arrays.copyOf(out, t);
        }

        /**
         * Incumbents from a greedy cover of the (costed) candidates, each step taking the candidate of the lowest
         * cost per unit it adds (its shipment plus its units, over the units it can still supply), until every
         * line is filled or max_shipments is reached; then that set and each set one location smaller.
         */
        void greedy(int[] cands) {
            int n = cands.length;
            int[] rem = sc.rem(m);
            System.arraycopy(p.demand, 0, rem, 0, m);
            int[] chosen = sc.greedy(n);
            boolean[] taken = sc.taken(n);
            int t = 0;
            long left = p.totalDemand;
            int[] avail = p.avail;
            while (left > 0 && t < p.maxShipments) {
                int pick = -1;
                double pickScore = Double.POSITIVE_INFINITY;
                for (int q = 0; q < n; q++) {
                    if (taken[q]) {
                        continue;
                    }
                    int i = cands[q];
                    int base = i * m;
                    long gain = 0;
                    for (int s = 0; s < m; s++) {
                        gain += Math.min(avail[base + s], rem[s]);
                    }
                    gain = Math.min(gain, p.cap[i]);
                    if (gain == 0) {
                        continue;
                    }
                    double score = (p.shipCost[i] + p.unitCost[i] * gain) / gain;
                    if (score < pickScore) {
                        pickScore = score;
                        pick = q;
                    }
                }
                if (pick < 0) {
                    return;
                }
                taken[pick] = true;
                int i = cands[pick];
                chosen[t++] = i;
                int base = i * m;
                int capLeft = p.cap[i];
                for (int s = 0; s < m && capLeft > 0; s++) {
                    int g = Math.min(Math.min(avail[base + s], rem[s]), capLeft);
                    rem[s] -= g;
                    capLeft -= g;
                    left -= g;
                }
            }
            IntSort.byKey(chosen, t, p.unitCost, p.rank());
            offer(chosen, t);
            if (t >= 2) {
                int[] less = sc.set(t);
                for (int x = 0; x < t; x++) {
                    int j = 0;
                    for (int y = 0; y < t; y++) {
                        if (y != x) {
                            less[j++] = chosen[y];
                        }
                    }
                    offer(less, t - 1);
                }
            }
        }

        /** Makes the costs of {@code cands[0..len)} exact. */
        private void costAll(int[] cands, int len) {
            for (int q = 0; q < len; q++) {
                p.cost(cands[q]);
            }
        }

        private boolean coversAlone(int i) {
            if (p.cap[i] < p.totalDemand) {
                return false;
            }
            // without a branch per line (whether a line is short is close to a coin toss at a store): availability
            // and demand are in [0, MAX_VALUE], so availability - demand is negative exactly when the line is short
            int[] avail = p.avail;
            int[] demand = p.demand;
            int base = i * m;
            int shortOf = 0;
            for (int s = 0; s < m; s++) {
                shortOf |= avail[base + s] - demand[s];
            }
            return shortOf >= 0;
        }

        int[] shortlist(int[] sortedByC) {
            int n = sortedByC.length;
            boolean[] in = new boolean[p.n];
            int[] out = new int[SHORTLIST];
            int t = 0;
            if (best != null) {
                for (int i : best) {
                    if (t < SHORTLIST && !in[i]) {
                        in[i] = true;
                        out[t++] = i;
                    }
                }
            }
            int perSkuK = Math.max(2, 24 / Math.max(1, m));
            for (int s = 0; s < m; s++) {
                int got = 0;
                for (int q = 0; q < n && got < perSkuK; q++) {
                    int i = sortedByC[q];
                    if (p.avail[i * m + s] > 0) {
                        got++;
                        if (t < SHORTLIST && !in[i]) {
                            in[i] = true;
                            out[t++] = i;
                        }
                    }
                }
            }
            // the rest by F + c * (units it can supply) per unit supplied
            double[] score = new double[n];
            int[] rest = new int[n];
            int r = 0;
            for (int q = 0; q < n; q++) {
                int i = sortedByC[q];
                if (in[i]) {
                    continue;
                }
                long units = 0;
                for (int s = 0; s < m; s++) {
                    units += Math.min(p.avail[i * m + s], p.demand[s]);
                }
                units = Math.min(units, p.cap[i]);
                score[q] = (p.shipCost[i] + p.unitCost[i] * units) / Math.max(1, units);
                rest[r++] = q;
            }
            int need = SHORTLIST - t;
            int[] first = need <= 0 || !fast ? rest : smallestScores(rest, r, score, need);
            int len = first == rest ? r : first.length;
            if (first == rest) {
                IntSort.sort(rest, r, (a, b) -> {
                    int cmp = Double.compare(score[a], score[b]);
                    return cmp != 0 ? cmp : Integer.compare(a, b);
                });
            }
            for (int q = 0; q < len && t < SHORTLIST; q++) {
                out[t++] = sortedByC[first[q]];
            }
            int[] list = java.util.Arrays.copyOf(out, t);
            p.sortByUnitCost(list, t);
            return list;
        }

        // --- evaluation ---------------------------------------------------------------------------------

        /**
         * Evaluates {@code set[0..t)} (problem indices sorted by unit cost) and records the locations it uses if
         * they improve best or runner-up.
         */
        void offer(int[] set, int t) {
            assigner.assign(p, set, t, t);
            long unfilled = 0;
            for (int s = 0; s < m; s++) {
                unfilled += assigner.unfilled(s);
            }
            if (unfilled > 0 && !p.partial) {
                return;
            }
            double cost = 0;
            int ship = 0;
            long prio = 0;
            int[] used = sc.used(t);
            for (int j = 0; j < t; j++) {
                int l = assigner.load(j);
                if (l > 0) {
                    int i = set[j];
                    cost += p.shipCost[i] + p.unitCost[i] * l;
                    used[ship++] = i;
                    prio += p.prio[i];
                }
            }
            cost += unfilled * p.penalty;
            record(cost, ship, prio, used);
        }

        /** Records {@code used[0..ship)} (copied when kept). */
        private void record(double cost, int ship, long prio, int[] used) {
            if (best != null && sameSet(used, ship, best)) {
                if (cost < bestCost) {
                    bestCost = cost;
                }
                return;
            }
            if (best == null || better(cost, ship, prio, used, bestCost, bestShip, bestPrio, best)) {
                if (best != null) {
                    ru = best;
                    ruCost = bestCost;
                    ruShip = bestShip;
                    ruPrio = bestPrio;
                }
                best = java.util.Arrays.copyOf(used, ship);
                bestCost = cost;
                bestShip = ship;
                bestPrio = prio;
            } else if (ru == null || (!sameSet(used, ship, ru)
                    && better(cost, ship, prio, used, ruCost, ruShip, ruPrio, ru))) {
                ru = java.util.Arrays.copyOf(used, ship);
                ruCost = cost;
                ruShip = ship;
                ruPrio = prio;
            }
        }

        private static boolean sameSet(int[] a, int len, int[] b) {
            if (len != b.length) {
                return false;
            }
            outer:
            for (int q = 0; q < len; q++) {
                int x = a[q];
                for (int y : b) {
                    if (x == y) {
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }

        /** Whether a (its first sA entries) is better than b: cost, then shipments, priority sum, ids. */
        private boolean better(double cA, int sA, long pA, int[] a, double cB, int sB, long pB, int[] b) {
            if (cA < cB - EPS) {
                return true;
            }
            if (cA > cB + EPS) {
                return false;
            }
            if (sA != sB) {
                return sA < sB;
            }
            if (pA != pB) {
                return pA < pB;
            }
            return Walks.compareIds(p, java.util.Arrays.copyOf(a, sA), b) < 0;
        }

        Solution solutionOf(int[] set) {
            int[] s = set.clone();
            if (fast && s.length == 2) {
                sortPair(s);
            } else {
                p.sortByUnitCost(s, s.length);
            }
            assigner.assign(p, s, s.length, s.length);
            return Solution.of(p, assigner, s, s.length);
        }

        /**
         * {@code p.sortByUnitCost(a, 2)}: the two by (unit cost as {@link Double#compare}, rank), stable, reading the
         * ranks only when the unit costs compare equal (the problem's ranks are built when first read).
         */
        private void sortPair(int[] a) {
            int x = a[0];
            int y = a[1];
            int c = Double.compare(p.unitCost[x], p.unitCost[y]);
            if (c == 0) {
                int[] rank = p.rank();
                c = Integer.compare(rank[x], rank[y]);
            }
            if (c > 0) {
                a[0] = y;
                a[1] = x;
            }
        }

        // --- branch and bound over <= 64 candidates ---------------------------------------------------------

        /** Branch and bound over the given candidates; true when it completed within {@code limit} nodes. */
        boolean search(int[] sortedByC, long limit) {
            nodes = 0;
            budgetHit = false;
            this.limit = limit;
            k = sortedByC.length;
            if (k == 0) {
                return true;
            }
            ix = sortedByC.clone();
            // (shipment cost, unit cost, priority, id): stable, from an order already sorted by the last three
            IntSort.byKey(ix, k, p.shipCost, null);
            sc.search(k, m);
            f = sc.f;
            c = sc.c;
            pr = sc.pr;
            capq = sc.capq;
            acap = sc.acap;
            byC = sc.byC;
            dominated = sc.dominated;
            dominatedDone = sc.dominatedDone;
            support = sc.support;
            units = sc.units;
            skuStart = sc.skuStart;
            lpos = sc.lpos;
            lacap = sc.lacap;
            lc = sc.lc;
            covs = sc.covs;
            holders = sc.holders;
            int[] posOf = sc.posOf;
            int[] demand = p.demand;
            for (int q = 0; q < k; q++) {
                int i = ix[q];
                posOf[i] = q;
                f[q] = p.shipCost[i];
                c[q] = p.unitCost[i];
                pr[q] = p.prio[i];
                capq[q] = p.cap[i];
                dominatedDone[q] = false;
                int base = i * m;
                for (int s = 0; s < m; s++) {
                    acap[q * m + s] = Math.min(Math.min(p.avail[base + s], demand[s]), p.cap[i]);
                }
                support[q] = fast ? support(acap, q * m, m) : 0L;
                units[q] = fast ? units(acap, q * m, m) : 0L;
            }
            for (int q = 0; q < k; q++) {
                byC[q] = posOf[sortedByC[q]];
            }
            int t = 0;
            for (int s = 0; s < m; s++) {
                skuStart[s] = t;
                long h = 0L;
                for (int q = 0; q < k; q++) {
                    int pos = byC[q];
                    int a = acap[pos * m + s];
                    if (a > 0) {
                        lpos[t] = pos;
                        lacap[t] = a;
                        lc[t] = c[pos];
                        h |= 1L << pos;
                        t++;
                    }
                }
                holders[s] = h;
            }
            skuStart[m] = t;
            java.util.Arrays.fill(covs, 0, m, 0);
            long allowed = k == 64 ? -1L : (1L << k) - 1;
            dfs(0, 0L, allowed, 0.0, 0, 0L, 0, 0L, Double.NaN, 0L);
            return !budgetHit;
        }

        /**
         * One node: locations {@code inc} included, positions from {@code depth} on in {@code allowed}
         * undecided; coverage at {@code covs[level * m]}. The parent's relaxed bound over {@code pMask} was
         * {@code pU}, taking units from {@code pUsed} (pU NaN: none).
         */
        private void dfs(int depth, long inc, long allowed, double sumF, int count, long prioSum, int level,
                         long pMask, double pU, long pUsed) {
            if (++nodes > limit) {
                budgetHit = true;
                return;
            }
            long undecided = depth >= 64 ? 0L : allowed & (-1L << depth);
            int[] cv = covs;
            int base = level * m;
            int[] demand = p.demand;
            // every line the included locations do not cover needs one more shipment, from an undecided location
            // that can supply it: the dearest of the cheapest such shipments per line is a lower bound of the
            // shipment cost still to come (positions are in shipment cost order, so the cheapest is the lowest)
            boolean needMore = false;
            double more = 0.0;
            if (!p.partial) {
                long[] hs = holders;
                double[] ff = f;
                int uncoveredAny = 0;
                boolean dead = false;
                for (int s = 0; s < m; s++) {
                    // without a branch on whether the line is covered (a conditional move): a covered line gives
                    // h = 0 and adds +0.0, which never raises more
                    int uncovered = cv[base + s] < demand[s] ? -1 : 0;
                    long h = hs[s] & undecided & uncovered;
                    dead |= uncovered != 0 & h == 0L;
                    uncoveredAny |= uncovered;
                    double fs = Double.longBitsToDouble(
                            Double.doubleToRawLongBits(ff[Long.numberOfTrailingZeros(h) & 63]) & uncovered);
                    if (fs > more) {
                        more = fs;
                    }
                }
                if (dead) {
                    return;
                }
                needMore = uncoveredAny != 0;
            }
            long mask = inc | undecided;
            double u;
            long used;
            if (fast && pU == pU && (mask & ~pMask) == 0 && (pMask & ~mask & pUsed) == 0) {
                // the same fill: every location left out took nothing
                u = pU;
                used = pUsed;
            } else {
                u = bound(mask);
                used = boundUsed;
            }
            if (u == Double.POSITIVE_INFINITY) {
                return;
            }
            int next = undecided == 0 ? -1 : Long.numberOfTrailingZeros(undecided);
            double lb = sumF + u + more;
            if (best != null) {
                if (lb > bestCost + EPS) {
                    return;
                }
                if (lb >= bestCost - EPS) {
                    int minShip = count + (needMore ? 1 : 0);
                    if (minShip > bestShip) {
                        return;
                    }
                    if (minShip == bestShip && !needMore && prioSum > bestPrio) {
                        return;
                    }
                }
            }
            if (next < 0 || count >= p.maxShipments) {
                return;
            }
            if (needMore && count + 1 > p.maxShipments) {
                return;
            }
            int q = next;
            long bit = 1L << q;
            // include q: its coverage one level down
            int nb = base + m;
            int qb = q * m;
            boolean covers = true;
            for (int s = 0; s < m; s++) {
                int v = cv[base + s] + acap[qb + s];
                cv[nb + s] = v;
                if (v < demand[s]) {
                    covers = false;
                }
            }
            if (p.partial) {
                covers = true;
            }
            long inc2 = inc | bit;
            if (covers) {
                offerMask(inc2);
            }
            dfs(q + 1, inc2, allowed, sumF + f[q], count + 1, prioSum + pr[q], level + 1, mask, u, used);
            if (budgetHit) {
                return;
            }
            // exclude q, and everything q dominates (the coverage stays at this level)
            dfs(q + 1, inc, allowed & ~bit & ~dominatedBy(q), sumF, count, prioSum, level, mask, u, used);
        }

        /** The positions that position a dominates (computed on first use: most are never branched on). */
        private long dominatedBy(int a) {
            if (dominatedDone[a]) {
                return dominated[a];
            }
            long d = 0L;
            int ia = ix[a];
            double fa = f[a];
            double ca = c[a];
            int capA = capq[a];
            int prA = pr[a];
            int ab = a * m;
            long supA = support[a];
            long unitsA = units[a];
            for (int b = a + 1; b < k; b++) {
                // acap[a] >= acap[b] on every line implies both of the first two (a cheap rejection)
                if ((support[b] & ~supA) != 0 || units[b] > unitsA
                        || fa > f[b] || ca > c[b] || capA < capq[b] || prA > pr[b]) {
                    continue;
                }
                boolean dom = true;
                int bb = b * m;
                for (int s = 0; s < m && dom; s++) {
                    dom = acap[ab + s] >= acap[bb + s];
                }
                if (dom && p.byPriority(ia, ix[b]) < 0) {
                    d |= 1L << b;
                }
            }
            dominated[a] = d;
            dominatedDone[a] = true;
            return d;
        }

        /** Capacity-relaxed cheapest fill using only positions in {@code mask}; sets {@link #boundUsed}. */
        private double bound(long mask) {
            double total = 0;
            long usedMask = 0L;
            int[] start = skuStart;
            int[] pos = lpos;
            int[] ac = lacap;
            double[] cc = lc;
            for (int s = 0; s < m; s++) {
                int rem = p.demand[s];
                int end = start[s + 1];
                for (int t = start[s]; t < end && rem > 0; t++) {
                    int q = pos[t];
                    // whether position q is in the mask, as all ones or zero: a position left out takes nothing
                    // and adds +0.0 (never -0.0: the product's bits are cleared), without a branch on the mask
                    long in = -((mask >>> q) & 1L);
                    int take = Math.min(ac[t], rem) & (int) in;
                    total += Double.longBitsToDouble(Double.doubleToRawLongBits(take * cc[t]) & in);
                    rem -= take;
                    usedMask |= in & 1L << q;
                }
                if (rem > 0) {
                    if (!p.partial) {
                        boundUsed = usedMask;
                        return Double.POSITIVE_INFINITY;
                    }
                    total += rem * p.penalty;
                }
            }
            boundUsed = usedMask;
            return total;
        }

        private void offerMask(long mask) {
            int t = Long.bitCount(mask);
            int[] set = sc.set(t);
            int j = 0;
            for (int q = 0; q < k; q++) {
                int pos = byC[q];
                if ((mask & (1L << pos)) != 0) {
                    set[j++] = ix[pos];
                }
            }
            offer(set, t);
        }
    }
}
