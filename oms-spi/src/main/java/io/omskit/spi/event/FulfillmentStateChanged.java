package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A fulfillment changed state (released, picking, packed, ready for pickup, picked up, delivery failed, cancelled, or a host's custom state). Shipping and delivery have their own events.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param toStatus the built-in category of {@code toState}
 * @param reason why, for failures and cancellations; else null
 */
public record FulfillmentStateChanged(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, String fromState, String toState, FulfillmentStatus toStatus,
        String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.state_changed.v1";

    public FulfillmentStateChanged {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.present(location, "location");
        Checks.id(fromState, "from state");
        Checks.id(toState, "to state");
        Checks.present(toStatus, "to status");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
