package io.omskit.spi.model;

/**
 * The id of a hold on an order, unique within its order.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record HoldId(String value) implements Comparable<HoldId> {
    public HoldId {
        Checks.id(value, "hold id");
    }

    /** Same as the constructor. */
    public static HoldId of(String value) {
        return new HoldId(value);
    }

    @Override
    public int compareTo(HoldId other) {
        return value.compareTo(other.value);
    }

    /** Equal to another HoldId with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof HoldId other && value.equals(other.value);
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
