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

    public PaymentCaptured {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        EventChecks.amount(amount);
        Checks.id(providerReference, "provider reference");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
