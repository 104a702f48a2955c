package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * The order was screened for fraud.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record FraudScreened(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        FraudAssessment assessment) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.fraud_screened.v1";

    public FraudScreened {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(assessment, "assessment");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
