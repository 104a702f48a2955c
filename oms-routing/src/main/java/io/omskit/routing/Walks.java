package io.omskit.routing;

import io.omskit.spi.port.RoutingPlan;

/**
 * The rule-based strategies: the priority and distance walks, whole lines in priority order, and fewest
 * splits. Stateless; thread-safe.
 */
final class Walks {
    /** Most search nodes fewest_splits visits before it settles for the best covering set found. */
    static final long SPLIT_NODE_BUDGET = 2_000_000L;

    private Walks() {
    }

    /** Each line in order walks {@code ord} taking min(available, capacity left, still needed). */
    static Solution walk(Problem p, int[] ord) {
        Solution sol = new Solution(p);
        int len = ord.length;
        int[] capLeft = new int[len];
        boolean[] open = new boolean[len];
        for (int k = 0; k < len; k++) {
            capLeft[k] = p.cap[ord[k]];
        }
        int opened = 0;
        int m = p.m;
        for (int s = 0; s < m; s++) {
            int need = p.demand[s];
            for (int k = 0; k < len && need > 0; k++) {
                int i = ord[k];
                int a = p.avail[i * m + s];
                if (a == 0 || capLeft[k] == 0) {
                    continue;
                }
                if (!open[k]) {
                    if (opened >= p.maxShipments) {
                        continue;
                    }
                    open[k] = true;
                    opened++;
                }
                int take = Math.min(Math.min(a, capLeft[k]), need);
                sol.add(i, s, take, 0);
                capLeft[k] -= take;
                need -= take;
            }
        }
        return sol;
    }

    static RoutingPlan priority(Problem p, String name) {
        return Plans.plan(p, name, walk(p, p.priorityOrder(true)), true, 0.0, null, Double.NaN,
                "walked locations by (priority, id)");
    }

    static RoutingPlan distance(Problem p, String name) {
        return Plans.plan(p, name, walk(p, p.distanceOrder()), true, 0.0, null, Double.NaN,
                "walked locations by (has coordinates, distance, priority, id)");
    }

    /**
     * Never split a line: the first location (priority order) able to ship the whole order; else each line
     * whole to the first location with enough; else to the first location listing the SKU, oversold.
     */
    static RoutingPlan wholeLines(Problem p, String name) {
        int[] ord = p.priorityOrder(false);
        int m = p.m;
        for (int i : ord) {
            if (p.cap[i] < p.totalDemand) {
                continue;
            }
            boolean all = true;
            for (int s = 0; s < m && all; s++) {
                all = p.avail[i * m + s] >= p.demand[s];
            }
            if (all) {
                Solution sol = new Solution(p);
                for (int s = 0; s < m; s++) {
                    sol.add(i, s, p.demand[s], 0);
                }
                return Plans.plan(p, name, sol, true, 0.0, null, Double.NaN, "one location ships every line whole");
            }
        }
        Solution sol = new Solution(p);
        int len = ord.length;
        long[] capLeft = new long[len];
        boolean[] open = new boolean[len];
        for (int k = 0; k < len; k++) {
            capLeft[k] = p.cap[ord[k]];
        }
        int opened = 0;
        for (int s = 0; s < m; s++) {
            int q = p.demand[s];
            int pick = -1;
            for (int k = 0; k < len; k++) {
                if (!open[k] && opened >= p.maxShipments) {
                    continue;
                }
                if (p.avail[ord[k] * m + s] >= q && capLeft[k] >= q) {
                    pick = k;
                    break;
                }
            }
            int over = 0;
            if (pick < 0) {
                for (int k = 0; k < len; k++) {
                    if (!open[k] && opened >= p.maxShipments) {
                        continue;
                    }
                    if (p.listed(ord[k], s)) {
                        pick = k;
                        long have = Math.max(0, Math.min(p.avail[ord[k] * m + s], capLeft[k]));
                        over = (int) (q - have);
                        break;
                    }
                }
            }
            if (pick < 0) {
                continue;
            }
            if (!open[pick]) {
                open[pick] = true;
                opened++;
            }
            capLeft[pick] = Math.max(0, capLeft[pick] - (q - over));
            sol.add(ord[pick], s, q, over);
        }
        return Plans.plan(p, name, sol, true, 0.0, null, Double.NaN,
                sol.anyOversold ? "no location had enough for some lines: oversold at the first listing location"
                        : "each line whole to the first location with enough");
    }

    /**
     * The smallest k such that some k locations cover all demand; among those the smallest mean distance, then
     * the smallest priority sum, then ids; units fill from the nearest location first.
     */
    static RoutingPlan fewestSplits(Problem p, String name) {
        int[] ord = p.distanceOrder();
        SplitSearch search = new SplitSearch(p, ord);
        int kMax = Math.min(p.maxShipments, ord.length);
        for (int k = 1; k <= kMax && search.best == null && search.nodes < SPLIT_NODE_BUDGET; k++) {
            search.run(k);
        }
        if (search.best == null) {
            if (p.partial) {
                Solution sol = walk(p, ord);
                return Plans.plan(p, name, sol, false, 0.0, null, Double.NaN,
                        "no set of at most " + kMax + " locations covers the order: nearest-first partial plan");
            }
            return Plans.plan(p, name, walk(p, ord), false, 0.0, null, Double.NaN, null);
        }
        Solution sol = search.solutionOf(search.best);
        double ruCost = Double.NaN;
        if (search.runnerUp != null) {
            ruCost = Plans.cost(p, search.solutionOf(search.runnerUp));
        }
        boolean complete = search.nodes < SPLIT_NODE_BUDGET;
        return Plans.plan(p, name, sol, complete, 0.0, search.runnerUp, ruCost,
                "fewest locations covering the order: " + search.best.length
                        + (complete ? "" : " (search budget reached: best found)"));
    }

    /** Enumerates k-subsets of candidates (sorted by distance) that cover the demand. */
    private static final class SplitSearch {
        final Problem p;
        final int[] ord;
        final int len;
        final int m;
        final int[] sufMax;
        final double[] d;
        final int[] chosen;
        final int[] covered;
        final Assigner assigner;
        long nodes;
        int[] best;
        double bestDist;
        long bestPrio;
        int[] runnerUp;
        double ruDist;
        long ruPrio;

        SplitSearch(Problem p, int[] ord) {
            this.p = p;
            this.ord = ord;
            this.len = ord.length;
            this.m = p.m;
            this.sufMax = new int[(len + 1) * m];
            for (int k = len - 1; k >= 0; k--) {
                for (int s = 0; s < m; s++) {
                    int a = Math.min(p.avail[ord[k] * m + s], p.demand[s]);
                    sufMax[k * m + s] = Math.max(a, sufMax[(k + 1) * m + s]);
                }
            }
            this.d = new double[len];
            for (int k = 0; k < len; k++) {
                double x = p.dist[ord[k]];
                d[k] = x == x ? x : Double.POSITIVE_INFINITY;
            }
            this.chosen = new int[Math.max(1, len)];
            this.covered = new int[m * (len + 2)];
            this.assigner = new Assigner(m);
        }

        void run(int k) {
            dfs(0, 0, k, 0.0, 0L);
        }

        private void dfs(int from, int depth, int k, double sumD, long prioSum) {
            nodes++;
            if (nodes >= SPLIT_NODE_BUDGET) {
                return;
            }
            int r = k - depth;
            if (r == 0) {
                leaf(k, sumD, prioSum);
                return;
            }
            for (int pos = from; pos <= len - r; pos++) {
                // distance bound: the r nearest remaining are pos..pos+r-1
                double bound = sumD;
                for (int q = 0; q < r; q++) {
                    bound += d[pos + q];
                }
                // prune against the runner-up, so that the explanation can name it
                if (runnerUp != null && bound > ruDist && bound != ruDist) {
                    return;
                }
                // coverage bound
                boolean ok = true;
                for (int s = 0; s < m; s++) {
                    if ((long) covered[depth * m + s] + (long) r * sufMax[pos * m + s] < p.demand[s]) {
                        ok = false;
                        break;
                    }
                }
                if (!ok) {
                    return;
                }
                int c = ord[pos];
                for (int s = 0; s < m; s++) {
                    covered[(depth + 1) * m + s] = covered[depth * m + s]
                            + Math.min(p.avail[c * m + s], p.demand[s]);
                }
                chosen[depth] = pos;
                dfs(pos + 1, depth + 1, k, sumD + d[pos], prioSum + p.prio[c]);
                if (nodes >= SPLIT_NODE_BUDGET) {
                    return;
                }
            }
        }

        private void leaf(int k, double sumD, long prioSum) {
            for (int s = 0; s < m; s++) {
                if (covered[k * m + s] < p.demand[s]) {
                    return;
                }
            }
            int[] set = new int[k];
            for (int j = 0; j < k; j++) {
                set[j] = ord[chosen[j]];
            }
            assigner.assign(p, set, k, k);
            for (int s = 0; s < m; s++) {
                if (assigner.unfilled(s) > 0) {
                    return;
                }
            }
            for (int j = 0; j < k; j++) {
                if (assigner.load(j) == 0) {
                    return; // a smaller set covers; it was or will be found with fewer locations
                }
            }
            if (best == null || better(sumD, prioSum, set, bestDist, bestPrio, best)) {
                if (best != null) {
                    runnerUp = best;
                    ruDist = bestDist;
                    ruPrio = bestPrio;
                }
                best = set;
                bestDist = sumD;
                bestPrio = prioSum;
            } else if (runnerUp == null || better(sumD, prioSum, set, ruDist, ruPrio, runnerUp)) {
                runnerUp = set;
                ruDist = sumD;
                ruPrio = prioSum;
            }
        }

        private boolean better(double dA, long pA, int[] a, double dB, long pB, int[] b) {
            int c = Double.compare(dA, dB);
            if (c != 0) {
                return c < 0;
            }
            if (pA != pB) {
                return pA < pB;
            }
            return compareIds(p, a, b) < 0;
        }

        Solution solutionOf(int[] set) {
            assigner.assign(p, set, set.length, set.length);
            return Solution.of(p, assigner, set, set.length);
        }
    }

    /** Compares two location sets by their sorted id lists. */
    static int compareIds(Problem p, int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        IntSort.sort(x, x.length, (u, v) -> p.id(u).compareTo(p.id(v)));
        IntSort.sort(y, y.length, (u, v) -> p.id(u).compareTo(p.id(v)));
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = p.id(x[i]).compareTo(p.id(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
