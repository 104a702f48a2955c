package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import java.util.Currency;
import java.util.List;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * An order was captured from a channel; carries everything the snapshot starts from.
 *
 * <p>Type {@value #TYPE}. An immutable record; thread-safe.
 * @param promisedBy the delivery promise, or null
 * @param lines the captured lines
 */
public record OrderPlaced(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Channel channel, String externalOrderId, String idempotencyKey, CustomerId customer, Currency currency,
        Address shipTo, Address billTo, LocationId pickupLocation, Instant promisedBy, List<LineSpec> lines) implements OrderEvent {
    /** The stable type name. */
    public static final String TYPE = "order.placed.v1";

    public OrderPlaced {
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(channel, "channel");
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(currency, "currency");
        lines = Checks.list(lines, "lines");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
