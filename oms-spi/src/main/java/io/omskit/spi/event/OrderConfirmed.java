package io.omskit.spi.event;

import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Verification cleared: the order's lines may be routed and fulfilled.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record OrderConfirmed(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.confirmed.v1";

    public OrderConfirmed {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
