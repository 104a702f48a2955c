package io.omskit.spi.event;

import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.LocationId;
import java.util.List;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A fulfillment was planned at a location with these line quantities (from a routing plan), and its units moved
 * with it into ALLOCATED.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param reservationId the inventory reservation holding its stock, or null
 * @param unitsFrom the bucket the units of {@code lines} left for ALLOCATED with this event: PENDING when an order
 *     is routed, BACKORDERED when a backorder is filled; null when they move by their own
 *     {@link LineQuantityMoved} events (imported history)
 */
public record FulfillmentCreated(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, boolean pickup, List<FulfillmentLine> lines,
        String reservationId, Bucket unitsFrom) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.created.v2";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public FulfillmentCreated(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                              FulfillmentId fulfillmentId, LocationId location, boolean pickup,
                              List<FulfillmentLine> lines, String reservationId, Bucket unitsFrom) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.fulfillmentId = fulfillmentId;
        this.location = location;
        this.pickup = pickup;
        this.reservationId = reservationId;
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
