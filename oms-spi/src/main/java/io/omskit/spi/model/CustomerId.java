package io.omskit.spi.model;

/**
 * The host's id of a customer. Opaque: never a name or an email.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record CustomerId(String value) implements Comparable<CustomerId> {
    public CustomerId {
        Checks.id(value, "customer id");
    }

    /** Same as the constructor. */
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public int compareTo(CustomerId other) {
        return value.compareTo(other.value);
    }

    /** Equal to another CustomerId with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CustomerId other && value.equals(other.value);
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
