package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;
import java.util.List;

/**
 * A fulfillment changed state (released, picking, packed, ready for pickup, picked up, delivery failed, cancelled,
 * or a host's custom state), and the units it carries moved with it. Shipping and delivery have their own events.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 *
 * <p>{@code lines} are the units that moved with the fulfillment, from the bucket of {@code fromStatus} to the
 * bucket of {@code toStatus} (for example RELEASED to PICKED): one event per step, however many lines. It is
 * empty when no unit moves with the change (both categories share a bucket) or when the units move by their own
 * {@link LineQuantityMoved} events, which carry an initiator and a reason: a cancellation, a backorder. Units that
 * leave the fulfillment (to PENDING, BACKORDERED or CANCELLED) never travel in this event; the fold refuses an
 * event that carries them, and one whose {@code fromStatus} is not the fulfillment's category at that point.
 *
 * @param fromStatus the built-in category of {@code fromState}
 * @param toStatus the built-in category of {@code toState}
 * @param reason why, for failures and cancellations; else null
 * @param lines the units that moved with the fulfillment (line and quantity), possibly none
 */
public record FulfillmentStateChanged(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FulfillmentId fulfillmentId, LocationId location, String fromState, FulfillmentStatus fromStatus,
        String toState, FulfillmentStatus toStatus, String reason, List<FulfillmentLine> lines) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "fulfillment.state_changed.v2";

    // Explicit canonical constructor: the fields kept as given are stored before the checks (an event that fails
    // them is never seen), so that, inlined into a caller that computed its arguments first, these stores need no GC
    // write barrier
    public FulfillmentStateChanged(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                                   FulfillmentId fulfillmentId, LocationId location, String fromState,
                                   FulfillmentStatus fromStatus, String toState, FulfillmentStatus toStatus,
                                   String reason, List<FulfillmentLine> lines) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.fulfillmentId = fulfillmentId;
        this.location = location;
        this.fromState = fromState;
        this.fromStatus = fromStatus;
        this.toState = toState;
        this.toStatus = toStatus;
        this.reason = reason;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.present(location, "location");
        Checks.state(fromState, fromStatus, "from state");
        Checks.present(fromStatus, "from status");
        Checks.state(toState, toStatus, "to state");
        Checks.present(toStatus, "to status");
        this.lines = Checks.list(lines, "lines");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
