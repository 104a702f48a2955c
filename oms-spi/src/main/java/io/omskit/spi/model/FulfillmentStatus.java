package io.omskit.spi.model;

/**
 * The fulfillment lifecycle's built-in states, which are also the categories a host's custom fulfillment
 * states declare: {@code PLANNED -> RELEASED -> PICKING -> PACKED -> SHIPPED -> DELIVERED}, with
 * {@code DELIVERY_FAILED}, {@code LOST}, {@code READY_FOR_PICKUP -> PICKED_UP} and {@code CANCELLED}.
 *
 * <p>An enum: immutable, thread-safe. Each state names the {@link Bucket} its units are in.
 */
public enum FulfillmentStatus {
    PLANNED(Bucket.ALLOCATED),
    RELEASED(Bucket.RELEASED),
    PICKING(Bucket.PICKED),
    PACKED(Bucket.PACKED),
    SHIPPED(Bucket.SHIPPED),
    DELIVERED(Bucket.DELIVERED),
    /** The carrier could not deliver; the units are still in transit until redelivered or lost. */
    DELIVERY_FAILED(Bucket.SHIPPED),
    /** Lost in transit (declared from SHIPPED or DELIVERY_FAILED) and written off; its units are LOST. */
    LOST(Bucket.LOST),
    READY_FOR_PICKUP(Bucket.READY_FOR_PICKUP),
    PICKED_UP(Bucket.PICKED_UP),
    CANCELLED(Bucket.CANCELLED);

    private final Bucket bucket;

    FulfillmentStatus(Bucket bucket) {
        this.bucket = bucket;
    }

    /** The bucket that holds this fulfillment's units while it is in this state. */
    public Bucket bucket() {
        return bucket;
    }

    /** Whether no further transition leaves this state. */
    public boolean terminal() {
        return this == DELIVERED || this == PICKED_UP || this == CANCELLED || this == LOST;
    }
}
