package io.omskit.core;

/**
 * The order-level fulfillment status, derived from the line buckets by {@link OrderViews#fulfillmentStatus}.
 * Never set by hand.
 *
 * <p>An enum: immutable, thread-safe. Precedence, first match wins, over all lines with
 * {@code active = units - CANCELLED}, {@code delivered = DELIVERED + PICKED_UP + RETURN_REQUESTED + RETURNED},
 * {@code inTransit = SHIPPED + LOST}, {@code inWork = ALLOCATED + RELEASED + PICKED + PACKED}:
 * <ol>
 *   <li>{@link #CANCELLED} when no unit is active;</li>
 *   <li>{@link #DELIVERED} when every active unit is delivered; {@link #PARTIALLY_DELIVERED} when some are;</li>
 *   <li>{@link #SHIPPED} when every active unit is in transit; {@link #PARTIALLY_SHIPPED} when some are;</li>
 *   <li>{@link #READY_FOR_PICKUP} when some units wait at a store;</li>
 *   <li>{@link #ALLOCATED} when every active unit is in work; {@link #PARTIALLY_ALLOCATED} when some are;</li>
 *   <li>{@link #BACKORDERED} when some units are backordered;</li>
 *   <li>{@link #NOT_FULFILLED} otherwise (all pending).</li>
 * </ol>
 */
public enum FulfillmentView {
    NOT_FULFILLED,
    BACKORDERED,
    PARTIALLY_ALLOCATED,
    ALLOCATED,
    PARTIALLY_SHIPPED,
    SHIPPED,
    PARTIALLY_DELIVERED,
    DELIVERED,
    READY_FOR_PICKUP,
    CANCELLED
}
