package io.omskit.routing;

import io.omskit.spi.port.RoutingPlan;

/**
 * The {@code min_cost} strategy: minimises per-shipment plus per-unit cost plus the unfilled penalty under
 * availability, capacity and max_shipments.
 *
 * <p>The search is over sets of open locations; for a fixed set the unit assignment is exact
 * ({@link Assigner}). Steps: incumbents from cheap heuristics (best single location, cheapest-unit walk, empty
 * plan when partial); a provable filter (a location j can be in a plan cheaper than the incumbent only if
 * {@code F_j + U <= Z}, U the capacity-relaxed cheapest unit fill over all locations); depth-first branch and
 * bound over at most 64 locations with bit masks, a capacity-relaxed bound, the "one more shipment" bound,
 * dominance on the exclusion branch and tie-aware pruning. Larger instances search a shortlist, re-filter with
 * the better incumbent and, when the proven candidates fit, finish exactly; otherwise the plan says
 * {@code optimal=false} with the gap to the lower bound. A node budget (not a clock) keeps results deterministic.
 * Immutable; thread-safe (all state is per call).
 */
final class MinCost {
    static final double EPS = 1e-9;
    static final int EXACT_LIMIT = 64;
    /** Nodes for the shortlist search of a large instance. */
    static final long SHORTLIST_BUDGET = 400L;
    /** Candidates in the shortlist of a large instance. */
    static final int SHORTLIST = 32;
    /** A large instance first sorts about max(PREFIX_MIN, PREFIX_PER_SKU * lines) cheapest candidates. */
    static final int PREFIX_MIN = 64;
    static final int PREFIX_PER_SKU = 8;

    private final long nodeBudget;
    /** Whether large instances sort only the prefixes they read (false: sort everything; tests compare both). */
    private final boolean partialSorts;

    MinCost(long nodeBudget) {
        this(nodeBudget, true);
    }

    MinCost(long nodeBudget, boolean partialSorts) {
        this.nodeBudget = nodeBudget;
        this.partialSorts = partialSorts;
    }

    RoutingPlan route(Problem p, String name) {
        return new Run(p, nodeBudget, partialSorts).solve(name);
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
        double[] keys = new double[r];
        for (int q = 0; q < r; q++) {
            double x = score[rest[q]];
            if (x != x) {
                return rest;
            }
            keys[q] = x;
        }
        double v = select(keys, r, need - 1);
        int[] sub = new int[r];
        int t = 0;
        for (int q = 0; q < r; q++) {
            if (Double.compare(score[rest[q]], v) <= 0) {
                sub[t++] = rest[q];
            }
        }
        if (t < need) {
            return rest;
        }
        IntSort.sort(sub, t, (a, b) -> {
            int cmp = Double.compare(score[a], score[b]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        return java.util.Arrays.copyOf(sub, need);
    }

    /** One call's search state. */
    private static final class Run {
        final Problem p;
        final int m;
        final long budget;
        final Assigner assigner;
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
        // search arrays (positions)
        int k;
        int[] ix;
        double[] f;
        double[] c;
        int[] pr;
        int[] acap;
        int[][] perSku;
        int[] byC;
        long[] dominated;
        /** Per candidate: ships the whole order alone (capacity and availability). */
        boolean[] alone;
        boolean[] dominatedDone;
        double[] minFSuffix;

        final boolean partialSorts;

        Run(Problem p, long budget, boolean partialSorts) {
            this.partialSorts = partialSorts;
            this.p = p;
            this.m = p.m;
            this.budget = budget;
            this.assigner = new Assigner(p.m);
        }

        RoutingPlan solve(String name) {
            boolean needCoords = p.request.destination() != null
                    && (p.request.costModel().packagePerKm() > 0 || p.request.costModel().unitPerKm() > 0);
            int[] cand = new int[p.n];
            int nc = 0;
            for (int i = 0; i < p.n; i++) {
                if (!p.anyAvail[i]) {
                    continue;
                }
                if (needCoords && p.dist[i] != p.dist[i]) {
                    p.excluded.put(p.loc[i].id(), Problem.NO_COORDINATES);
                    continue;
                }
                if (p.partial && p.unitCost[i] >= p.penalty) {
                    continue; // a unit from here never beats leaving it unfilled
                }
                cand[nc++] = i;
            }
            int[] inOrder = java.util.Arrays.copyOf(cand, nc);
            alone = new boolean[p.n];
            for (int i : inOrder) {
                alone[i] = coversAlone(i);
            }
            // The relaxed bound and the incumbent walk read the candidates in (unit cost, priority, id) order
            // and stop once every line is filled, so a large instance first sorts only the cheapest ones (a
            // prefix of the full order); when that prefix does not fill every line, everything is sorted.
            int[] all = null;
            double u = Double.NaN;
            Solution walked = null;
            int want = Math.max(PREFIX_MIN, PREFIX_PER_SKU * m);
            if (partialSorts && nc > 2 * want) {
                int[] prefix = cheapestPrefix(inOrder, nc, want);
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
            boolean sortedAll = all == null;
            if (sortedAll) {
                p.sortByUnitCost(cand, nc);
                all = java.util.Arrays.copyOf(cand, nc);
                u = relaxedUnits(all);
            }
            incumbents(all, walked, inOrder);
            double lb = u == Double.POSITIVE_INFINITY ? u : u + (p.partial ? 0 : minShipCosts(inOrder));
            if (u == Double.POSITIVE_INFINITY && !p.partial) {
                // even all locations together cannot cover the demand: the cheapest-unit walk is the plan
                return Plans.plan(p, name, Walks.walk(p, all), false, 0.0, null, Double.NaN, null);
            }
            boolean proven;
            int[] kept;
            if (sortedAll) {
                kept = filter(all, u);
            } else {
                // the same set as filtering the sorted list, then sorted: the sort is stable
                kept = filter(inOrder, u);
                p.sortByUnitCost(kept, kept.length);
            }
            if (kept.length <= EXACT_LIMIT) {
                proven = search(kept, budget);
            } else {
                search(shortlist(kept), SHORTLIST_BUDGET);
                int[] again = filter(kept, u);
                proven = again.length <= EXACT_LIMIT && search(again, budget);
            }
            if (best == null) {
                if (!sortedAll) {
                    all = inOrder.clone();
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

        // --- bounds and incumbents ------------------------------------------------------------------------

        /**
         * The candidates whose unit cost is at most the {@code want}-th smallest, sorted: a prefix of the full
         * (unit cost, priority, id) order, since every candidate left out costs more per unit. Null when a unit
         * cost is NaN (then only the full sort is used).
         */
        int[] cheapestPrefix(int[] inOrder, int nc, int want) {
            double[] keys = new double[nc];
            for (int q = 0; q < nc; q++) {
                double x = p.unitCost[inOrder[q]];
                if (x != x) {
                    return null;
                }
                keys[q] = x;
            }
            double v = select(keys, nc, want - 1);
            int[] out = new int[nc];
            int t = 0;
            for (int q = 0; q < nc; q++) {
                int i = inOrder[q];
                if (Double.compare(p.unitCost[i], v) <= 0) {
                    out[t++] = i;
                }
            }
            p.sortByUnitCost(out, t);
            return java.util.Arrays.copyOf(out, t);
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

        /** The cheapest shipment cost, or the two cheapest when no single candidate covers the order alone. */
        double minShipCosts(int[] cands) {
            double min1 = Double.POSITIVE_INFINITY;
            double min2 = Double.POSITIVE_INFINITY;
            boolean anyAlone = false;
            for (int i : cands) {
                double f = p.shipCost[i];
                if (f < min1) {
                    min2 = min1;
                    min1 = f;
                } else if (f < min2) {
                    min2 = f;
                }
                if (!anyAlone && alone[i]) {
                    anyAlone = true;
                }
            }
            if (min1 == Double.POSITIVE_INFINITY) {
                return 0;
            }
            return anyAlone || min2 == Double.POSITIVE_INFINITY || p.maxShipments < 2 ? min1 : min1 + min2;
        }

        /**
         * @param sorted candidates sorted by unit cost (all, or a prefix on which {@code walked} filled every line)
         * @param walked the cheapest-unit walk over {@code sorted}, or null to walk here
         * @param inOrder every candidate, in problem order
         */
        void incumbents(int[] sorted, Solution walked, int[] inOrder) {
            if (p.partial) {
                offer(new int[0]);
            }
            // best single location covering everything, visited in unit cost order
            int[] singles = new int[inOrder.length];
            int ns = 0;
            for (int i : inOrder) {
                if (alone[i]) {
                    singles[ns++] = i;
                }
            }
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
                offer(new int[] {single});
            }
            // cheapest-unit walk, then re-assigned exactly on its set
            Solution w = walked != null ? walked : Walks.walk(p, sorted);
            int[] set = usedSet(w);
            if (set.length > 0) {
                IntSort.sort(set, set.length, p::byUnitCost);
                offer(set);
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
            int[] out = new int[cands.length];
            int t = 0;
            for (int i : cands) {
                double lb = p.shipCost[i] + u;
                if (!p.partial && !alone[i]) {
                    lb += i == arg1 ? min2 : min1;
                }
                if (lb <= bestCost + EPS) {
                    out[t++] = i;
                }
            }
            return java.util.Arrays.copyOf(out, t);
        }

        private boolean coversAlone(int i) {
            if (p.cap[i] < p.totalDemand) {
                return false;
            }
            for (int s = 0; s < m; s++) {
                if (p.avail[i * m + s] < p.demand[s]) {
                    return false;
                }
            }
            return true;
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
            int[] first = need <= 0 || !partialSorts ? rest : smallestScores(rest, r, score, need);
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
            IntSort.sort(list, t, p::byUnitCost);
            return list;
        }

        // --- evaluation ---------------------------------------------------------------------------------

        /** Evaluates the set (problem indices sorted by unit cost) and records it if it improves best/runner-up. */
        void offer(int[] set) {
            int t = set.length;
            assigner.assign(p, set, t, t);
            double cost = 0;
            int ship = 0;
            long prio = 0;
            long unfilled = 0;
            for (int s = 0; s < m; s++) {
                unfilled += assigner.unfilled(s);
            }
            if (unfilled > 0 && !p.partial) {
                return;
            }
            int[] used = new int[t];
            for (int j = 0; j < t; j++) {
                int l = assigner.load(j);
                if (l > 0) {
                    int i = set[j];
                    cost += p.shipCost[i] + p.unitCost[i] * l;
                    ship++;
                    prio += p.prio[i];
                    used[ship - 1] = i;
                }
            }
            cost += unfilled * p.penalty;
            if (ship < t) {
                used = java.util.Arrays.copyOf(used, ship);
            } else {
                used = set.clone();
            }
            record(cost, ship, prio, used);
        }

        private void record(double cost, int ship, long prio, int[] used) {
            if (best != null && sameSet(used, best)) {
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
                best = used;
                bestCost = cost;
                bestShip = ship;
                bestPrio = prio;
            } else if (ru == null || (!sameSet(used, ru) && better(cost, ship, prio, used, ruCost, ruShip, ruPrio, ru))) {
                ru = used;
                ruCost = cost;
                ruShip = ship;
                ruPrio = prio;
            }
        }

        private boolean sameSet(int[] a, int[] b) {
            if (a.length != b.length) {
                return false;
            }
            outer:
            for (int x : a) {
                for (int y : b) {
                    if (x == y) {
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }

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
            return Walks.compareIds(p, a, b) < 0;
        }

        Solution solutionOf(int[] set) {
            int[] s = set.clone();
            IntSort.sort(s, s.length, p::byUnitCost);
            assigner.assign(p, s, s.length, s.length);
            return Solution.of(p, assigner, s, s.length);
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
            IntSort.sort(ix, k, (a, b) -> {
                int cmp = Double.compare(p.shipCost[a], p.shipCost[b]);
                return cmp != 0 ? cmp : p.byUnitCost(a, b);
            });
            f = new double[k];
            c = new double[k];
            pr = new int[k];
            acap = new int[k * m];
            int[] posOf = new int[p.n];
            for (int q = 0; q < k; q++) {
                int i = ix[q];
                posOf[i] = q;
                f[q] = p.shipCost[i];
                c[q] = p.unitCost[i];
                pr[q] = p.prio[i];
                for (int s = 0; s < m; s++) {
                    acap[q * m + s] = Math.min(Math.min(p.avail[i * m + s], p.demand[s]), p.cap[i]);
                }
            }
            byC = new int[k];
            for (int q = 0; q < k; q++) {
                byC[q] = posOf[sortedByC[q]];
            }
            perSku = new int[m][];
            for (int s = 0; s < m; s++) {
                int[] list = new int[k];
                int t = 0;
                for (int q = 0; q < k; q++) {
                    if (acap[byC[q] * m + s] > 0) {
                        list[t++] = byC[q];
                    }
                }
                perSku[s] = java.util.Arrays.copyOf(list, t);
            }
            dominated = new long[k];
            dominatedDone = new boolean[k];
            long allowed = k == 64 ? -1L : (1L << k) - 1;
            int[] cov = new int[m];
            dfs(0, 0L, allowed, 0.0, 0, 0L, cov);
            return !budgetHit;
        }

        private void dfs(int depth, long inc, long allowed, double sumF, int count, long prioSum, int[] cov) {
            if (++nodes > limit) {
                budgetHit = true;
                return;
            }
            long undecided = depth >= 64 ? 0L : allowed & (-1L << depth);
            boolean needMore = false;
            if (!p.partial) {
                for (int s = 0; s < m; s++) {
                    if (cov[s] < p.demand[s]) {
                        needMore = true;
                        break;
                    }
                }
            }
            if (needMore && undecided == 0) {
                return;
            }
            double u = bound(inc | undecided);
            if (u == Double.POSITIVE_INFINITY) {
                return;
            }
            int next = undecided == 0 ? -1 : Long.numberOfTrailingZeros(undecided);
            double lb = sumF + u + (needMore ? f[next] : 0.0);
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
            // skip to the next allowed candidate
            int q = next;
            long bit = 1L << q;
            // include q
            int[] cov2 = cov.clone();
            for (int s = 0; s < m; s++) {
                cov2[s] += acap[q * m + s];
            }
            long inc2 = inc | bit;
            boolean covers = true;
            if (!p.partial) {
                for (int s = 0; s < m; s++) {
                    if (cov2[s] < p.demand[s]) {
                        covers = false;
                        break;
                    }
                }
            }
            if (covers) {
                offerMask(inc2);
            }
            dfs(q + 1, inc2, allowed, sumF + f[q], count + 1, prioSum + pr[q], cov2);
            if (budgetHit) {
                return;
            }
            // exclude q, and everything q dominates
            dfs(q + 1, inc, allowed & ~bit & ~dominatedBy(q), sumF, count, prioSum, cov);
        }

        /** The positions that position a dominates (computed on first use: most are never branched on). */
        private long dominatedBy(int a) {
            if (dominatedDone[a]) {
                return dominated[a];
            }
            long d = 0L;
            int ia = ix[a];
            for (int b = a + 1; b < k; b++) {
                int ib = ix[b];
                if (f[a] > f[b] || c[a] > c[b] || p.cap[ia] < p.cap[ib] || pr[a] > pr[b]) {
                    continue;
                }
                boolean dom = true;
                for (int s = 0; s < m && dom; s++) {
                    dom = acap[a * m + s] >= acap[b * m + s];
                }
                if (dom && p.byPriority(ia, ib) < 0) {
                    d |= 1L << b;
                }
            }
            dominated[a] = d;
            dominatedDone[a] = true;
            return d;
        }

        /** Capacity-relaxed cheapest fill using only positions in {@code mask}. */
        private double bound(long mask) {
            double total = 0;
            for (int s = 0; s < m; s++) {
                int rem = p.demand[s];
                int[] list = perSku[s];
                for (int t = 0; t < list.length && rem > 0; t++) {
                    int q = list[t];
                    if ((mask & (1L << q)) != 0) {
                        int take = Math.min(acap[q * m + s], rem);
                        total += take * c[q];
                        rem -= take;
                    }
                }
                if (rem > 0) {
                    if (!p.partial) {
                        return Double.POSITIVE_INFINITY;
                    }
                    total += rem * p.penalty;
                }
            }
            return total;
        }

        private void offerMask(long mask) {
            int t = Long.bitCount(mask);
            int[] set = new int[t];
            int j = 0;
            for (int q = 0; q < k; q++) {
                int pos = byC[q];
                if ((mask & (1L << pos)) != 0) {
                    set[j++] = ix[pos];
                }
            }
            offer(set);
        }
    }
}
