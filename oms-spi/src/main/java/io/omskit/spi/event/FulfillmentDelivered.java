package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;
import java.util.List;

/**
 * A shipped fulfillment was delivered, and its units moved with it to DELIVERED.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param damaged whether it arrived damaged
 * @param lines the units delivered (line and quantity), which move from the fulfillment's bucket (SHIPPED) to
 *     DELIVERED; empty when they move by their own {@link LineQuantityMoved} events
 */
public record FulfillmentDelivered(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, boolean damaged, List<FulfillmentLine> lines)
        implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.delivered.v2";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public FulfillmentDelivered(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                                FulfillmentId fulfillmentId, LocationId location, boolean damaged,
                                List<FulfillmentLine> lines) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.fulfillmentId = fulfillmentId;
        this.location = location;
        this.damaged = damaged;
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
