package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A return was settled and closed.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record ReturnClosed(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId, Resolution resolution) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.closed.v1";

    public ReturnClosed {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
        Checks.present(resolution, "resolution");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
