package io.omskit.spi.model;

/**
 * The id of an order, unique in the host.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record OrderId(String value) implements Comparable<OrderId> {
    public OrderId {
        Checks.id(value, "order id");
    }

    /** Same as the constructor. */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    /** Equal to another OrderId with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof OrderId other && value.equals(other.value);
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
