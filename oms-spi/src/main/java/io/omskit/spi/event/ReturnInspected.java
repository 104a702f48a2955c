package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Received units of a return line were inspected.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 */
public record ReturnInspected(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        ReturnId returnId, LineId lineId, InspectionResult result, Disposition disposition) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "return.inspected.v1";

    public ReturnInspected {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(returnId, "return id");
        Checks.present(lineId, "line id");
        Checks.present(result, "result");
        Checks.present(disposition, "disposition");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
