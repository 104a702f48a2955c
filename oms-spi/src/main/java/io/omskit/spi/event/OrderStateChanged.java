package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The order moved between lifecycle states where no more specific event applies (into review, into or out of a host's custom state).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param toStatus the built-in category of {@code toState}
 */
public record OrderStateChanged(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        String fromState, String toState, OrderStatus toStatus) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.state_changed.v1";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public OrderStateChanged(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                             String fromState, String toState, OrderStatus toStatus) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.fromState = fromState;
        this.toState = toState;
        this.toStatus = toStatus;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.id(fromState, "from state");
        Checks.state(toState, toStatus, "to state");
        Checks.present(toStatus, "to status");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
