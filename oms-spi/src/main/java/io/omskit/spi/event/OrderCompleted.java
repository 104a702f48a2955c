package io.omskit.spi.event;

import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Every unit reached a terminal bucket and payment is settled: the order completed (automatically).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record OrderCompleted(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.completed.v1";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public OrderCompleted(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
