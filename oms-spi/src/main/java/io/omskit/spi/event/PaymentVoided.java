package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * An authorization was voided (released without capture).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param providerReference the provider's reference of this transaction
 */
public record PaymentVoided(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Money amount, String providerReference) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.voided.v1";

    public PaymentVoided {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        EventChecks.amount(amount);
        Checks.id(providerReference, "provider reference");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
