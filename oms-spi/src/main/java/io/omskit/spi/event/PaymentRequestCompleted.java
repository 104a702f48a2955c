package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The provider's answer to a pending payment request was recorded: the request is no longer pending. An approved
 * answer comes with its ledger event in the same command ({@link PaymentAuthorized}, {@link PaymentCaptured},
 * {@link PaymentVoided} or {@link PaymentRefunded}); a declined authorization with {@link PaymentDeclined}; a
 * declined capture, void or refund moves no money and has only this event.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param idempotencyKey the key of the completed request
 * @param approved whether the provider approved the call
 * @param providerReference the provider's reference of its answer
 * @param declineReason for a decline, the provider's short reason; else null
 */
public record PaymentRequestCompleted(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        String idempotencyKey, boolean approved, String providerReference, String declineReason)
        implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "payment.request_completed.v1";

    public PaymentRequestCompleted {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.id(idempotencyKey, "idempotency key");
        Checks.id(providerReference, "provider reference");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
