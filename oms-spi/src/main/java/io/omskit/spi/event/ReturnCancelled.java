package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A return was withdrawn before reception.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record ReturnCancelled(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.cancelled.v1";

    public ReturnCancelled {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
