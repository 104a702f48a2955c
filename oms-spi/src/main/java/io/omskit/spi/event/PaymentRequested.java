package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.PaymentRequest;
import java.time.Instant;

/**
 * A payment call was written ahead: the engine is about to call the provider with the request's key and amount.
 * The request stays pending in the order's snapshot until a {@link PaymentRequestCompleted} with its key.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param request the call, with its idempotency key
 */
public record PaymentRequested(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        PaymentRequest request) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.requested.v1";

    public PaymentRequested {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(request, "payment request");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
