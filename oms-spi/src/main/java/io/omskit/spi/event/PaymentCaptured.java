package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Money was captured against an authorization.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param providerReference the provider's reference of this transaction
 */
public record PaymentCaptured(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Money amount, String providerReference) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.captured.v1";

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public PaymentCaptured(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt, Money amount,
                           String providerReference) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.amount = amount;
        this.providerReference = providerReference;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        EventChecks.amount(amount);
        Checks.id(providerReference, "provider reference");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
