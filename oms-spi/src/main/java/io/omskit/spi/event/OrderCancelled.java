package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The whole order was cancelled before anything shipped. Terminal. The line moves follow as LineQuantityMoved events of the same version.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param initiator who asked
 * @param reason such as {@code customer_request}, {@code fraud_suspected}, {@code out_of_stock}
 */
public record OrderCancelled(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Initiator initiator, String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.cancelled.v1";

    public OrderCancelled {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(initiator, "initiator");
        Checks.present(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
