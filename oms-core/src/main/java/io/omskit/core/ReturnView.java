package io.omskit.core;

/**
 * The order-level return status, derived from the line buckets by {@link OrderViews#returnStatus}.
 * Never set by hand.
 *
 * <p>An enum: immutable, thread-safe. Precedence, first match wins: {@link #RETURN_REQUESTED} while any unit is
 * in RETURN_REQUESTED; {@link #NONE} when no unit is RETURNED; {@link #RETURNED} when every unit that is not
 * cancelled is RETURNED; {@link #PARTIALLY_RETURNED} otherwise (units of exchange lines count as not returned).
 */
public enum ReturnView {
    NONE,
    RETURN_REQUESTED,
    PARTIALLY_RETURNED,
    RETURNED
}
