package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The order was refused at verification (payment declined, fraud rejected). Terminal.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param reason a short machine-readable reason
 */
public record OrderRejected(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.rejected.v1";

    public OrderRejected {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
