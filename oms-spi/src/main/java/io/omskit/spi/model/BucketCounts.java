package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the quantity of one order line is spread over the {@link Bucket}s: an immutable vector of
 * non-negative counts, one per bucket.
 *
 * <p>Immutable and thread-safe. {@link #move} returns another vector and refuses to take more than a
 * bucket holds ({@link OmsErrorCode#INSUFFICIENT_QUANTITY}), so the total never changes by a move. Small vectors
 * with every unit in one bucket are shared instances (as {@code Integer.valueOf} shares small integers): compare
 * with {@link #equals}, never by identity.
 */
public final class BucketCounts {
    private static final int N = Bucket.count();

    // Two canonical forms, so that equal vectors have equal representations:
    // - single: counts == null, all units (possibly none) in bucket `single` (0 when total is 0);
    // - spread: counts != null with at least two non-zero entries, single == -1.
    // The single form allocates no array: a line whose units all move together costs one small object a move.
    private final int[] counts;
    private final int single;
    private final int total;

    // The single forms of small lines, shared (as Integer.valueOf shares small integers): a step that moves a whole
    // line from one bucket to another allocates nothing here. Index: bucket * (CACHED_MAX + 1) + total.
    private static final int CACHED_MAX = 64;
    private static final BucketCounts[] SINGLES = new BucketCounts[N * (CACHED_MAX + 1)];

    static {
        for (int b = 0; b < N; b++) {
            for (int q = 0; q <= CACHED_MAX; q++) {
                SINGLES[b * (CACHED_MAX + 1) + q] = new BucketCounts(b, q);
            }
        }
    }

    private BucketCounts(int single, int total) {
        this.counts = null;
        this.single = total == 0 ? 0 : single;
        this.total = total;
    }

    /** All {@code total} units (none negative) in the bucket of ordinal {@code single}: shared when small. */
    private static BucketCounts single(int single, int total) {
        return total <= CACHED_MAX ? SINGLES[single * (CACHED_MAX + 1) + total] : new BucketCounts(single, total);
    }

    private BucketCounts(int[] counts, int total) {
        this.counts = counts;
        this.single = -1;
        this.total = total;
    }

    /** The canonical instance for {@code c} (owned by the caller, not shared afterwards). */
    private static BucketCounts of(int[] c) {
        long sum = 0;
        int nonZero = 0;
        int last = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0) {
                sum += c[i];
                nonZero++;
                last = i;
            }
        }
        if (sum > Integer.MAX_VALUE) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, "line quantity overflows an int: " + sum);
        }
        return nonZero <= 1 ? single(last, (int) sum) : new BucketCounts(c, (int) sum);
    }

    /** All {@code quantity} units in one bucket. */
    public static BucketCounts of(Bucket bucket, int quantity) {
        Checks.present(bucket, "bucket");
        Checks.nonNegative(quantity, "quantity");
        return single(bucket.ordinal(), quantity);
    }

    /** From a map of bucket to count; absent buckets are zero; negative counts are refused. */
    public static BucketCounts of(Map<Bucket, Integer> counts) {
        Checks.present(counts, "bucket counts");
        int[] c = new int[N];
        counts.forEach((b, n) -> {
            Checks.present(b, "bucket");
            c[b.ordinal()] = Checks.nonNegative(Checks.present(n, "count of " + b), "count of " + b);
        });
        return of(c);
    }

    /** The units in {@code bucket}. */
    public int get(Bucket bucket) {
        int i = bucket.ordinal();
        if (counts != null) {
            return counts[i];
        }
        return i == single ? total : 0;
    }

    /** The sum over all buckets: the line quantity. */
    public int total() {
        return total;
    }

    /** The units in buckets that are not {@linkplain Bucket#terminal() terminal}. */
    public int open() {
        if (counts == null) {
            return Bucket.ofOrdinal(single).terminal() ? 0 : total;
        }
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (!Bucket.ofOrdinal(i).terminal()) {
                n += counts[i];
            }
        }
        return n;
    }

    /**
     * Moves {@code quantity} units from one bucket to another.
     *
     * @throws OmsValidationException {@code INVALID_QUANTITY} if quantity is not positive,
     *     {@code INSUFFICIENT_QUANTITY} if {@code from} holds fewer units
     */
    public BucketCounts move(Bucket from, Bucket to, int quantity) {
        Checks.positive(quantity, "quantity");
        int f = from.ordinal();
        int have = get(from);
        if (have < quantity) {
            throw new OmsValidationException(OmsErrorCode.INSUFFICIENT_QUANTITY,
                    "bucket " + from + " holds " + have + ", cannot move " + quantity);
        }
        int t = to.ordinal();
        if (f == t) {
            return this;
        }
        if (counts == null) {
            // have >= quantity > 0, so every unit is in `from`
            if (quantity == total) {
                return single(t, total);
            }
            int[] c = new int[N];
            c[f] = total - quantity;
            c[t] = quantity;
            return new BucketCounts(c, total);
        }
        int[] c = counts.clone();
        c[f] -= quantity;
        c[t] += quantity;
        if (c[f] == 0) {
            int nonZero = 0;
            for (int x : c) {
                if (x != 0) {
                    nonZero++;
                }
            }
            if (nonZero == 1) {
                return single(t, total);
            }
        }
        return new BucketCounts(c, total);
    }

    /** Adds {@code quantity} units to {@code bucket} (a line grows, as in an exchange). */
    public BucketCounts add(Bucket bucket, int quantity) {
        Checks.positive(quantity, "quantity");
        int[] c = toArray();
        c[bucket.ordinal()] = Math.addExact(c[bucket.ordinal()], quantity);
        return of(c);
    }

    private int[] toArray() {
        if (counts != null) {
            return counts.clone();
        }
        int[] c = new int[N];
        c[single] = total;
        return c;
    }

    /** The non-zero buckets, in bucket order; an unmodifiable map. */
    public Map<Bucket, Integer> asMap() {
        EnumMap<Bucket, Integer> m = new EnumMap<>(Bucket.class);
        if (counts == null) {
            if (total != 0) {
                m.put(Bucket.ofOrdinal(single), total);
            }
        } else {
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    m.put(Bucket.ofOrdinal(i), counts[i]);
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BucketCounts other)) {
            return false;
        }
        if (counts == null) {
            return other.counts == null && single == other.single && total == other.total;
        }
        return other.counts != null && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        if (counts != null) {
            return Arrays.hashCode(counts);
        }
        int h = 1;
        for (int i = 0; i < N; i++) {
            h = 31 * h + (i == single ? total : 0);
        }
        return h;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
