package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.ReturnId;
import java.util.List;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The customer asked to return units (or to exchange them).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param exchange whether replacement goods are wanted instead of a refund
 */
public record ReturnRequested(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId, List<ReturnedUnits> lines, boolean exchange) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.requested.v1";

    public ReturnRequested {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
        lines = Checks.list(lines, "lines");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
