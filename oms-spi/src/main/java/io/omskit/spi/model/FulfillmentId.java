package io.omskit.spi.model;

/**
 * The id of a fulfillment (one source location and package), unique within its order.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record FulfillmentId(String value) implements Comparable<FulfillmentId> {
    public FulfillmentId {
        Checks.id(value, "fulfillment id");
    }

    /** Same as the constructor. */
    public static FulfillmentId of(String value) {
        return new FulfillmentId(value);
    }

    @Override
    public int compareTo(FulfillmentId other) {
        return value.compareTo(other.value);
    }

    /** Equal to another FulfillmentId with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FulfillmentId other && value.equals(other.value);
    }

    /** The value's hash code, as the record's own would be. */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
