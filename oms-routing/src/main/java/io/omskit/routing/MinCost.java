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

    private final long nodeBudget;

    MinCost(long nodeBudget) {
        this.nodeBudget = nodeBudget;
    }

    RoutingPlan route(Problem p, String name) {
        return new Run(p, nodeBudget).solve(name);
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
        double[] minFSuffix;

        Run(Problem p, long budget) {
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
            // sort candidates by unit cost once: relaxed bound, incumbent walk, shortlist
            IntSort.sort(cand, nc, p::byUnitCost);
            int[] all = java.util.Arrays.copyOf(cand, nc);
            double u = relaxedUnits(all);
            incumbents(all);
            double lb = u == Double.POSITIVE_INFINITY ? u : u + (p.partial ? 0 : minShipCosts(all));
            if (u == Double.POSITIVE_INFINITY && !p.partial) {
                // even all locations together cannot cover the demand: the cheapest-unit walk is the plan
                return Plans.plan(p, name, Walks.walk(p, all), false, 0.0, null, Double.NaN, null);
            }
            boolean proven;
            int[] kept = filter(all, u);
            if (kept.length <= EXACT_LIMIT) {
                proven = search(kept, budget);
            } else {
                search(shortlist(kept), SHORTLIST_BUDGET);
                int[] again = filter(kept, u);
                proven = again.length <= EXACT_LIMIT && search(again, budget);
            }
            if (best == null) {
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

        /** Capacity-relaxed cheapest fill over {@code byUnitCost}-sorted candidates (+ penalty), or +inf. */
        double relaxedUnits(int[] sorted) {
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
                if (!anyAlone && coversAlone(i)) {
                    anyAlone = true;
                }
            }
            if (min1 == Double.POSITIVE_INFINITY) {
                return 0;
            }
            return anyAlone || min2 == Double.POSITIVE_INFINITY || p.maxShipments < 2 ? min1 : min1 + min2;
        }

        void incumbents(int[] sorted) {
            if (p.partial) {
                offer(new int[0]);
            }
            // best single location covering everything
            int single = -1;
            double singleCost = Double.POSITIVE_INFINITY;
            for (int i : sorted) {
                if (p.cap[i] < p.totalDemand) {
                    continue;
                }
                boolean all = true;
                for (int s = 0; s < m && all; s++) {
                    all = p.avail[i * m + s] >= p.demand[s];
                }
                if (all) {
                    double cost = p.shipCost[i] + p.unitCost[i] * p.totalDemand;
                    if (cost < singleCost - EPS) {
                        single = i;
                        singleCost = cost;
                    }
                }
            }
            if (single >= 0) {
                offer(new int[] {single});
            }
            // cheapest-unit walk, then re-assigned exactly on its set
            Solution w = Walks.walk(p, sorted);
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
                if (!p.partial && !coversAlone(i)) {
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
            IntSort.sort(rest, r, (a, b) -> {
                int cmp = Double.compare(score[a], score[b]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int q = 0; q < r && t < SHORTLIST; q++) {
                out[t++] = sortedByC[rest[q]];
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
            for (int a = 0; a < k; a++) {
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
                        dominated[a] |= 1L << b;
                    }
                }
            }
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
            dfs(q + 1, inc, allowed & ~bit & ~dominated[q], sumF, count, prioSum, cov);
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
