package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A line was added to the order (the replacement goods of an exchange); its units start PENDING.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param exchangeFor the return it replaces goods for, or null
 */
public record LineAdded(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        LineSpec line, ReturnId exchangeFor) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "line.added.v1";

    public LineAdded {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(line, "line");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
