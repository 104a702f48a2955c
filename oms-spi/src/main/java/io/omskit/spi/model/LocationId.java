package io.omskit.spi.model;

/**
 * The id of a fulfillment location: a warehouse or a store.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record LocationId(String value) implements Comparable<LocationId> {
    public LocationId {
        Checks.id(value, "location id");
    }

    /** Same as the constructor. */
    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public int compareTo(LocationId other) {
        return value.compareTo(other.value);
    }

    /** Equal to another LocationId with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LocationId other && value.equals(other.value);
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
