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
 * <p>Immutable and thread-safe. {@link #move} returns a new instance and refuses to take more than a
 * bucket holds ({@link OmsErrorCode#INSUFFICIENT_QUANTITY}), so the total never changes by a move.
 */
public final class BucketCounts {
    private final int[] counts;
    private final int total;

    private BucketCounts(int[] counts) {
        this.counts = counts;
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        if (sum > Integer.MAX_VALUE) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, "line quantity overflows an int: " + sum);
        }
        this.total = (int) sum;
    }

    /** All {@code quantity} units in one bucket. */
    public static BucketCounts of(Bucket bucket, int quantity) {
        Checks.present(bucket, "bucket");
        Checks.nonNegative(quantity, "quantity");
        int[] c = new int[Bucket.count()];
        c[bucket.ordinal()] = quantity;
        return new BucketCounts(c);
    }

    /** From a map of bucket to count; absent buckets are zero; negative counts are refused. */
    public static BucketCounts of(Map<Bucket, Integer> counts) {
        Checks.present(counts, "bucket counts");
        int[] c = new int[Bucket.count()];
        counts.forEach((b, n) -> {
            Checks.present(b, "bucket");
            c[b.ordinal()] = Checks.nonNegative(Checks.present(n, "count of " + b), "count of " + b);
        });
        return new BucketCounts(c);
    }

    /** The units in {@code bucket}. */
    public int get(Bucket bucket) {
        return counts[bucket.ordinal()];
    }

    /** The sum over all buckets: the line quantity. */
    public int total() {
        return total;
    }

    /** The units in buckets that are not {@linkplain Bucket#terminal() terminal}. */
    public int open() {
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
        int have = counts[from.ordinal()];
        if (have < quantity) {
            throw new OmsValidationException(OmsErrorCode.INSUFFICIENT_QUANTITY,
                    "bucket " + from + " holds " + have + ", cannot move " + quantity);
        }
        int[] c = counts.clone();
        c[from.ordinal()] -= quantity;
        c[to.ordinal()] += quantity;
        return new BucketCounts(c);
    }

    /** Adds {@code quantity} units to {@code bucket} (a line grows, as in an exchange). */
    public BucketCounts add(Bucket bucket, int quantity) {
        Checks.positive(quantity, "quantity");
        int[] c = counts.clone();
        c[bucket.ordinal()] = Math.addExact(c[bucket.ordinal()], quantity);
        return new BucketCounts(c);
    }

    /** The non-zero buckets, in bucket order; an unmodifiable map. */
    public Map<Bucket, Integer> asMap() {
        EnumMap<Bucket, Integer> m = new EnumMap<>(Bucket.class);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                m.put(Bucket.ofOrdinal(i), counts[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
