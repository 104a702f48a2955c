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

    public OrderCompleted {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
