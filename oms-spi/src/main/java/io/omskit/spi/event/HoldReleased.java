package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A hold was released.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record HoldReleased(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        HoldId holdId, HoldType holdType, String actor) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.hold_released.v1";

    public HoldReleased {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(holdId, "hold id");
        Checks.present(holdType, "hold type");
        Checks.present(actor, "actor");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
