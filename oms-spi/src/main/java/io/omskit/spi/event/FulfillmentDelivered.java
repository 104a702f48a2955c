package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A shipped fulfillment was delivered.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param damaged whether it arrived damaged
 */
public record FulfillmentDelivered(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, boolean damaged) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.delivered.v1";

    public FulfillmentDelivered {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.present(location, "location");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
