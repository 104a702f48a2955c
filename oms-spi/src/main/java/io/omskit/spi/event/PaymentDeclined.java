package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * An authorization was declined.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param reason the provider's decline reason, without card data
 */
public record PaymentDeclined(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Money amount, String providerReference, String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.declined.v1";

    public PaymentDeclined {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        EventChecks.amount(amount);
        Checks.id(providerReference, "provider reference");
        Checks.present(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
