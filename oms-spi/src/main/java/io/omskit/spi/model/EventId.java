package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of a domain event, unique across all orders; an immutable value, thread-safe.
 *
 * <p>The engine gives the {@code index}-th event of an order's {@code version} the id
 * {@code orderId-version-index} ({@link #of(OrderId, long, int)}), or a name-based UUID of that text when it
 * would be longer than {@value Checks#MAX_ID_LENGTH} chars. Such an id keeps its parts and builds its text only
 * when {@link #value()} is first asked for: deciding a command creates several events, and most of their ids
 * are never read as text on the hot path. Ids from elsewhere (a store, JSON, a host) are plain text
 * ({@link #of(String)}). Either way two ids are equal exactly when their texts are equal.
 *
 * <p>Valid text is 1 to {@value Checks#MAX_ID_LENGTH} chars, not blank, without control characters; anything
 * else is refused with {@code OmsErrorCode.MISSING_VALUE} or {@code INVALID_VALUE}.
 */
public final class EventId implements Comparable<EventId> {
    private final OrderId orderId; // null for an id made from text
    private final long version;
    private final int index;
    // the text; built lazily for an id made from parts. A benign race: String is immutable and safely published,
    // so a thread sees either null (and builds an equal string) or a complete string
    private String value;

    /**
     * An id from its text.
     *
     * @param value the id as the host knows it
     */
    public EventId(String value) {
        this.value = Checks.id(value, "event id");
        this.orderId = null;
        this.version = 0;
        this.index = 0;
    }

    private EventId(OrderId orderId, long version, int index) {
        this.orderId = orderId;
        this.version = version;
        this.index = index;
    }

    /** Same as the constructor. */
    public static EventId of(String value) {
        return new EventId(value);
    }

    /**
     * The id of the {@code index}-th event (from 0) an order's {@code version} emitted: the text
     * {@code orderId-version-index}, or a name-based UUID of it when that is longer than
     * {@value Checks#MAX_ID_LENGTH} chars.
     *
     * @throws OmsValidationException {@code MISSING_VALUE} without an order id, {@code INVALID_VALUE} for a
     *     version below 1 or a negative index
     */
    public static EventId of(OrderId orderId, long version, int index) {
        Checks.present(orderId, "order id");
        if (version < 1) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "order version must be at least 1, was " + version);
        }
        if (index < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "event index must not be negative, was " + index);
        }
        return new EventId(orderId, version, index);
    }

    /** The id's text. */
    public String value() {
        String v = value;
        if (v == null) {
            // the order id is a valid id and the suffix is '-', digits, '-', digits: valid unless too long
            v = orderId.value() + "-" + version + "-" + index;
            if (v.length() > Checks.MAX_ID_LENGTH) {
                v = UUID.nameUUIDFromBytes(v.getBytes(StandardCharsets.UTF_8)).toString();
            }
            value = v;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof EventId other)) {
            return false;
        }
        if (orderId != null && other.orderId != null && version == other.version && index == other.index
                && orderId.equals(other.orderId)) {
            return true;
        }
        return value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    /**
     * Compares the ids' texts. Text order is not event order ({@code ORD-1-10-0} sorts before {@code ORD-1-2-0}):
     * an order's events are ordered by when they were saved, never by id.
     */
    @Override
    public int compareTo(EventId other) {
        return value().compareTo(other.value());
    }

    /** The id's text. */
    @Override
    public String toString() {
        return value();
    }
}
