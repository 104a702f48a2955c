package io.omskit.kpi;

import java.util.Arrays;

/**
 * Order statistics of a {@code long[]} without sorting it: the values a full sort would put at given positions,
 * found by partitioning (quickselect with a median-of-three pivot and three-way partitions, so that runs of equal
 * values cost one pass). A range that partitions badly too often is sorted instead, so the worst case stays
 * O(n log n); the expected cost is O(n) per position. Stateless; thread-safe (it reorders only the array it is given).
 */
final class Ranks {
    private static final int SMALL = 16;

    private Ranks() {
    }

    /**
     * The values at the zero-based positions {@code ranks} (ascending) of the first {@code n} values of {@code a} once
     * sorted; reorders those values. Equal to {@code sorted[rank]} for each rank, by construction of a partition:
     * after each answer every value left of its position is no greater and every value right of it no smaller.
     */
    static long[] select(long[] a, int n, int... ranks) {
        long[] out = new long[ranks.length];
        int from = 0;
        for (int i = 0; i < ranks.length; i++) {
            int k = ranks[i];
            if (k < from || k >= n) {
                throw new IllegalArgumentException("ranks must be ascending and below " + n + ", was " + k);
            }
            out[i] = select(a, from, n, k);
            from = k;
        }
        return out;
    }

    /** The value at position {@code k} of {@code a[lo, hi)} once sorted; everything left of k ends up <=, right >=. */
    private static long select(long[] a, int lo, int hi, int k) {
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo)) + 4;
        while (hi - lo > SMALL) {
            if (budget-- == 0) {
                Arrays.sort(a, lo, hi);
                return a[k];
            }
            long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            // three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot
            int lt = lo;
            int i = lo;
            int gt = hi - 1;
            while (i <= gt) {
                long v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        Arrays.sort(a, lo, hi);
        return a[k];
    }

    private static long medianOfThree(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
