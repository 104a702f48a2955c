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

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public FraudScreened(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
                         FraudAssessment assessment) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.assessment = assessment;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(assessment, "assessment");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
