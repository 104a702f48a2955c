package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A carrier tracking event was recorded (deduplicated by the carrier's event id).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param status the carrier's status, such as {@code IN_TRANSIT}
 * @param description free text from the carrier, or null
 */
public record TrackingEventRecorded(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, String carrierEventId, String status, String description) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.tracking_event.v1";

    public TrackingEventRecorded {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.id(carrierEventId, "carrier event id");
        Checks.id(status, "tracking status");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
