package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * A capture request: an order as it arrives from a channel. Capture is idempotent by
 * {@link #idempotencyKey()}, or, when that is null, by (channel id, external order id).
 *
 * <p>An immutable value; thread-safe.
 *
 * @param orderId the id to give the order
 * @param channel where it comes from
 * @param externalOrderId the channel's order number, or null
 * @param idempotencyKey the caller's idempotency key, or null to derive it from channel and external id
 * @param customer the customer, or null for a guest
 * @param currency the currency of every amount
 * @param shipTo where to deliver, or null for pickup
 * @param billTo the billing address, or null
 * @param pickupLocation the store to collect from, or null; an order names a ship-to address, a pickup location
 *     or both (with both it is collected: the pickup location wins), and neither is refused with
 *     {@code MISSING_VALUE}, since a parcel needs a destination
 * @param promisedBy the delivery promise, or null
 * @param lines the lines
 */
public record PlaceOrder(OrderId orderId, Channel channel, String externalOrderId, String idempotencyKey,
                         CustomerId customer, Currency currency, Address shipTo, Address billTo,
                         LocationId pickupLocation, Instant promisedBy, List<LineSpec> lines) {
    public PlaceOrder {
        Checks.present(orderId, "order id");
        Checks.present(channel, "channel");
        if (idempotencyKey == null) {
            Checks.present(externalOrderId, "external order id (needed when no idempotency key is given)");
        }
        Checks.present(currency, "currency");
        if (shipTo == null && pickupLocation == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "order " + orderId
                    + " needs a ship-to address or a pickup location");
        }
        lines = Checks.list(lines, "lines");
    }

    /** The key capture is deduplicated by. */
    public String effectiveIdempotencyKey() {
        return idempotencyKey != null ? idempotencyKey : channel.id() + ":" + externalOrderId;
    }
}
