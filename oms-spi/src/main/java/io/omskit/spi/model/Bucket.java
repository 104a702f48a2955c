package io.omskit.spi.model;

/**
 * The state of a quantity of an order line. Each line's quantity is spread over these buckets and the
 * buckets always add up to the line quantity; every change is a move of a quantity from one bucket to
 * another, recorded by an event that carries the quantity: {@code LineQuantityMoved} for one line, or a
 * fulfillment's step ({@code FulfillmentStateChanged}, {@code FulfillmentShipped}, {@code FulfillmentDelivered})
 * for the units that move with the fulfillment.
 *
 * <p>An enum: immutable, thread-safe.
 */
public enum Bucket {
    /** Captured, not yet routed. */
    PENDING(false),
    /** No stock; waiting for replenishment. */
    BACKORDERED(false),
    /** Reserved at a location, in a planned fulfillment. */
    ALLOCATED(false),
    /** Released to the warehouse or store. */
    RELEASED(false),
    /** Picked. */
    PICKED(false),
    /** Packed. */
    PACKED(false),
    /** Handed to the carrier. */
    SHIPPED(false),
    /** Waiting at a store for the customer (pickup). */
    READY_FOR_PICKUP(false),
    /** Delivery confirmed. */
    DELIVERED(true),
    /** Collected by the customer at a store. */
    PICKED_UP(true),
    /** Cancelled; never to be fulfilled. */
    CANCELLED(true),
    /** The customer asked to return these units. */
    RETURN_REQUESTED(false),
    /** Returned and received. */
    RETURNED(true),
    /** Lost in transit, written off. */
    LOST(true);

    private static final Bucket[] VALUES = values();

    private final boolean terminal;

    Bucket(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * Whether units in this bucket need no more fulfillment work. An order completes when every unit of
     * every line is in a terminal bucket (and payment is settled).
     */
    public boolean terminal() {
        return terminal;
    }

    /** The bucket with this ordinal; used by compact encodings. */
    public static Bucket ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** How many buckets there are. */
    public static int count() {
        return VALUES.length;
    }
}
