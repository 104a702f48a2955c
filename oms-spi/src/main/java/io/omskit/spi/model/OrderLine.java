package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;

/**
 * One line of an order snapshot: what was ordered and where its units are now.
 *
 * <p>An immutable value; thread-safe. The line quantity is the sum of its {@link BucketCounts}.
 *
 * @param spec the line as captured (its {@code quantity} is the captured quantity)
 * @param buckets where the units are now; their total is the line quantity
 * @param exchangeFor the return this line replaces goods for, or null
 */
public record OrderLine(LineSpec spec, BucketCounts buckets, ReturnId exchangeFor) {
    // Explicit canonical constructor, fields stored before the checks (a line that fails them is never seen): stores
    // that directly follow the allocation need no GC write barrier once the JIT inlines this into the caller
    public OrderLine(LineSpec spec, BucketCounts buckets, ReturnId exchangeFor) {
        this.spec = spec;
        this.buckets = buckets;
        this.exchangeFor = exchangeFor;
        Checks.present(spec, "line spec");
        Checks.present(buckets, "buckets");
        if (buckets.total() != spec.quantity()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    "buckets of line " + spec.lineId() + " add up to " + buckets.total() + ", not " + spec.quantity());
        }
    }

    /** A new line with all units {@link Bucket#PENDING}. */
    public static OrderLine pending(LineSpec spec) {
        BucketCounts buckets = BucketCounts.of(Bucket.PENDING, spec.quantity()); // before the allocation (see above)
        return new OrderLine(spec, buckets, null);
    }

    public LineId id() {
        return spec.lineId();
    }

    public Sku sku() {
        return spec.sku();
    }

    /** The line quantity. */
    public int quantity() {
        return spec.quantity();
    }

    /** The units in {@code bucket}. */
    public int in(Bucket bucket) {
        return buckets.get(bucket);
    }

    /** This line with other bucket counts (same total). */
    public OrderLine withBuckets(BucketCounts newBuckets) {
        return new OrderLine(spec, newBuckets, exchangeFor);
    }
}
