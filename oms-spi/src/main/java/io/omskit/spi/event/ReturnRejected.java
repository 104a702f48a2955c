package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A return was refused.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record ReturnRejected(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId, String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.rejected.v1";

    public ReturnRejected {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
