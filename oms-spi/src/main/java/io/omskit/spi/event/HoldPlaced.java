package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A hold was placed on the order.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record HoldPlaced(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Hold hold) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.hold_placed.v1";

    public HoldPlaced {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(hold, "hold");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
