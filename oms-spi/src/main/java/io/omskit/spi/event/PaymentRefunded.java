package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Money was refunded to the customer.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param returnId the return it settles, or null
 */
public record PaymentRefunded(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Money amount, String providerReference, ReturnId returnId) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.refunded.v1";

    public PaymentRefunded {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        EventChecks.amount(amount);
        Checks.id(providerReference, "provider reference");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
