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

    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public OrderPlaced(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt, Channel channel,
                       String externalOrderId, String idempotencyKey, CustomerId customer, Currency currency,
                       Address shipTo, Address billTo, LocationId pickupLocation, Instant promisedBy,
                       List<LineSpec> lines) {
        this.eventId = eventId;
        this.orderId = orderId;
        this.orderVersion = orderVersion;
        this.occurredAt = occurredAt;
        this.channel = channel;
        this.externalOrderId = externalOrderId;
        this.idempotencyKey = idempotencyKey;
        this.customer = customer;
        this.currency = currency;
        this.shipTo = shipTo;
        this.billTo = billTo;
        this.pickupLocation = pickupLocation;
        this.promisedBy = promisedBy;
        EventChecks.common(eventId, orderId, orderVersion, occurredAt);
        Checks.present(channel, "channel");
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(currency, "currency");
        lines = Checks.list(lines, "lines");
        this.lines = lines;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
