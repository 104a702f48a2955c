package io.omskit.spi.model;

/**
 * A stock keeping unit.
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record Sku(String value) implements Comparable<Sku> {
    public Sku {
        Checks.id(value, "SKU");
    }

    /** Same as the constructor. */
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    /** Equal to another Sku with an equal value (the record's rule, written out: no method-handle dispatch). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Sku other && value.equals(other.value);
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
