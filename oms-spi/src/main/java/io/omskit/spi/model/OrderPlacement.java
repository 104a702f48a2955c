package io.omskit.spi.model;

import java.time.Instant;
import java.util.Currency;

/**
 * The facts of an order fixed when it is captured (where it came from, who ordered, its currency, addresses and
 * promise): one value shared by every later {@link OrderSnapshot} of the order, so that they are validated once
 * per order instead of once per version.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param channel where it came from
 * @param externalOrderId the channel's own order number, or null
 * @param idempotencyKey the capture's idempotency key
 * @param customer the customer, or null for a guest
 * @param currency the order's currency; every amount on it is in this currency
 * @param shipTo the delivery address, or null for a pickup order
 * @param billTo the billing address, or null
 * @param pickupLocation the store the customer collects from, or null
 * @param placedAt when it was captured
 * @param promisedBy the delivery promise (end of the promised local day), or null
 */
public record OrderPlacement(Channel channel, String externalOrderId, String idempotencyKey, CustomerId customer,
                             Currency currency, Address shipTo, Address billTo, LocationId pickupLocation,
                             Instant placedAt, Instant promisedBy) {
    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public OrderPlacement(Channel channel, String externalOrderId, String idempotencyKey, CustomerId customer,
                          Currency currency, Address shipTo, Address billTo, LocationId pickupLocation,
                          Instant placedAt, Instant promisedBy) {
        this.channel = channel;
        this.externalOrderId = externalOrderId;
        this.idempotencyKey = idempotencyKey;
        this.customer = customer;
        this.currency = currency;
        this.shipTo = shipTo;
        this.billTo = billTo;
        this.pickupLocation = pickupLocation;
        this.placedAt = placedAt;
        this.promisedBy = promisedBy;
        Checks.present(channel, "channel");
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(currency, "currency");
        Checks.present(placedAt, "placed at");
    }
}
