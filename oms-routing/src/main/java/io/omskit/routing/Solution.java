package io.omskit.routing;

/**
 * A strategy's raw answer over a {@link Problem}: rows of (candidate, SKU, quantity, oversold part) and the
 * unfilled quantity per SKU. Mutable scratch; not thread-safe.
 */
final class Solution {
    int rows;
    int[] cand;
    int[] sku;
    int[] qty;
    int[] over;
    final int[] unfilled;
    boolean anyOversold;

    Solution(Problem p) {
        unfilled = p.demand.clone();
        // room for one shipment of every line (the usual plan), at least 4 and at most 8 rows before growing
        int rows = Math.max(4, Math.min(8, p.m));
        cand = new int[rows];
        sku = new int[rows];
        qty = new int[rows];
        over = new int[rows];
    }

    void add(int c, int s, int q, int oversold) {
        if (q <= 0) {
            return;
        }
        if (rows == cand.length) {
            int len = rows * 2;
            cand = java.util.Arrays.copyOf(cand, len);
            sku = java.util.Arrays.copyOf(sku, len);
            qty = java.util.Arrays.copyOf(qty, len);
            over = java.util.Arrays.copyOf(over, len);
        }
        cand[rows] = c;
        sku[rows] = s;
        qty[rows] = q;
        over[rows] = oversold;
        rows++;
        unfilled[s] -= q;
        if (oversold > 0) {
            anyOversold = true;
        }
    }

    boolean complete() {
        for (int u : unfilled) {
            if (u > 0) {
                return false;
            }
        }
        return true;
    }

    /** Fills rows from an assignment of {@code set[0..t)}. */
    static Solution of(Problem p, Assigner a, int[] set, int t) {
        Solution sol = new Solution(p);
        for (int j = 0; j < t; j++) {
            if (a.load(j) == 0) {
                continue;
            }
            for (int s = 0; s < p.m; s++) {
                int q = a.qty(j, s);
                if (q > 0) {
                    sol.add(set[j], s, q, 0);
                }
            }
        }
        return sol;
    }
}
