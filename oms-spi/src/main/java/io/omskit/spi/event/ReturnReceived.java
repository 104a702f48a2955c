package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.ReturnId;
import java.util.List;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Returned units arrived at a location.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param location where they arrived, or null when unknown
 */
public record ReturnReceived(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId, LocationId location, List<ReturnedUnits> lines) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.received.v1";

    public ReturnReceived {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
        lines = Checks.list(lines, "lines");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
