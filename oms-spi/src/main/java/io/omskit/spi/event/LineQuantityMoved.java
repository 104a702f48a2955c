package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * Units of one line moved from one bucket to another, on their own: captured units routed or backordered,
 * cancellations, short picks, returns. Units that move with their fulfillment's step are carried by that step's
 * event instead ({@code FulfillmentStateChanged}, {@code FulfillmentShipped}, {@code FulfillmentDelivered}).
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param sku the line's SKU (so that consumers need not look it up)
 * @param reference what moved it: a fulfillment id, a return id, a cancellation, or null
 * @param initiator who asked, for cancellations; else null
 * @param reason why, for cancellations and backorders (such as {@code customer_request},
 *     {@code out_of_stock}); else null
 */
public record LineQuantityMoved(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        LineId lineId, Sku sku, int quantity, Bucket from, Bucket to, String reference, Initiator initiator,
        String reason) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "line.quantity_moved.v1";

    public LineQuantityMoved {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(lineId, "line id");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "moved quantity");
        Checks.present(from, "from bucket");
        Checks.present(to, "to bucket");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
