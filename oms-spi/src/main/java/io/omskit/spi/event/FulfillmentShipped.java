package io.omskit.spi.event;

import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LocationId;
import java.util.List;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A fulfillment was handed to the carrier, and the units of {@code lines} moved with it from the fulfillment's
 * bucket ({@code unitsFrom}, PACKED in the built-in flow) to SHIPPED.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param carrier the carrier, or null when unknown (imported history)
 * @param trackingNumber the tracking number, or null when unknown
 * @param lines what was shipped, one entry per line; a line's SKU may differ from the ordered one (a wrong item)
 * @param documentationOk whether the shipping documents were correct
 * @param unitsFrom the bucket the units of {@code lines} left for SHIPPED with this event (the fulfillment's bucket
 *     at that point); null when they move by their own {@link LineQuantityMoved} events (imported history)
 */
public record FulfillmentShipped(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, String carrier, String trackingNumber,
        List<ShippedLine> lines, boolean documentationOk, Bucket unitsFrom) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.shipped.v2";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public FulfillmentShipped(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                              FulfillmentId fulfillmentId, LocationId location, String carrier, String trackingNumber,
                              List<ShippedLine> lines, boolean documentationOk, Bucket unitsFrom) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.fulfillmentId = fulfillmentId;
        this.location = location;
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        this.documentationOk = documentationOk;
        this.unitsFrom = unitsFrom;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.present(location, "location");
        lines = Checks.list(lines, "lines");
        this.lines = lines;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
