package io.omskit.spi.model;

/**
 * The id of a domain event, unique across all orders (the engine derives it from order id, version and index).
 *
 * <p>An immutable value; thread-safe. Valid values are 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank,
 * without control characters; anything else is refused with {@code OmsErrorCode.MISSING_VALUE} or
 * {@code INVALID_VALUE}.
 *
 * @param value the id as the host knows it
 */
public record EventId(String value) implements Comparable<EventId> {
    public EventId {
        Checks.id(value, "event id");
    }

    /** Same as the constructor. */
    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
