package io.omskit.spi.model;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The whole order aggregate at one version: lines with their quantity buckets, holds, fulfillments, the
 * payment ledger and returns. One {@code version} covers all of it; every accepted command raises it by one.
 *
 * <p>An immutable value; thread-safe. Lists are copied on construction.
 *
 * @param id the order id
 * @param version 1 after capture, +1 per accepted command
 * @param state the lifecycle state's name: a built-in {@link OrderStatus} name or a host's custom state
 * @param status the built-in category of {@code state}
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
 * @param lines the lines, in capture order (exchange lines appended)
 * @param holds the active holds
 * @param fulfillments the fulfillments, in creation order
 * @param payments the payment ledger, in order
 * @param returns the returns, in request order
 * @param fraud the latest fraud assessment, or null before screening
 * @param updatedAt when the last accepted command happened
 * @param paymentRequests the payment calls written ahead and not yet answered, in request order (see
 *     {@link PaymentRequest}); null (a snapshot written before they existed) means none
 */
public record OrderSnapshot(OrderId id, long version, String state, OrderStatus status, Channel channel,
                            String externalOrderId, String idempotencyKey, CustomerId customer, Currency currency,
                            Address shipTo, Address billTo, LocationId pickupLocation, Instant placedAt,
                            Instant promisedBy, List<OrderLine> lines, List<Hold> holds,
                            List<Fulfillment> fulfillments, List<PaymentTransaction> payments,
                            List<OrderReturn> returns, FraudAssessment fraud, Instant updatedAt,
                            List<PaymentRequest> paymentRequests) {
    public OrderSnapshot {
        Checks.present(id, "order id");
        if (version < 1) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "order version must be at least 1, was " + version);
        }
        Checks.state(state, status, "order state");
        Checks.present(status, "order status");
        Checks.present(channel, "channel");
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(currency, "currency");
        Checks.present(placedAt, "placed at");
        lines = Checks.list(lines, "lines");
        holds = Checks.list(holds, "holds");
        fulfillments = Checks.list(fulfillments, "fulfillments");
        payments = Checks.list(payments, "payments");
        returns = Checks.list(returns, "returns");
        Checks.present(updatedAt, "updated at");
        paymentRequests = paymentRequests == null ? List.of() : Checks.list(paymentRequests, "payment requests");
    }

    /** A snapshot without pending payment requests (the shape before they existed). */
    public OrderSnapshot(OrderId id, long version, String state, OrderStatus status, Channel channel,
                         String externalOrderId, String idempotencyKey, CustomerId customer, Currency currency,
                         Address shipTo, Address billTo, LocationId pickupLocation, Instant placedAt,
                         Instant promisedBy, List<OrderLine> lines, List<Hold> holds,
                         List<Fulfillment> fulfillments, List<PaymentTransaction> payments,
                         List<OrderReturn> returns, FraudAssessment fraud, Instant updatedAt) {
        this(id, version, state, status, channel, externalOrderId, idempotencyKey, customer, currency, shipTo, billTo,
                pickupLocation, placedAt, promisedBy, lines, holds, fulfillments, payments, returns, fraud, updatedAt,
                List.of());
    }

    /** The pending payment request with this idempotency key. */
    public Optional<PaymentRequest> paymentRequest(String idempotencyKey) {
        for (PaymentRequest r : paymentRequests) {
            if (r.idempotencyKey().equals(idempotencyKey)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The line with this id. */
    public Optional<OrderLine> line(LineId lineId) {
        for (OrderLine l : lines) {
            if (l.id().equals(lineId)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The fulfillment with this id. */
    public Optional<Fulfillment> fulfillment(FulfillmentId fulfillmentId) {
        for (Fulfillment f : fulfillments) {
            if (f.id().equals(fulfillmentId)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The return with this id. */
    public Optional<OrderReturn> orderReturn(ReturnId returnId) {
        for (OrderReturn r : returns) {
            if (r.id().equals(returnId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The units of all lines in {@code bucket}. */
    public int units(Bucket bucket) {
        int n = 0;
        for (OrderLine l : lines) {
            n += l.in(bucket);
        }
        return n;
    }

    /** Whether any hold is active. */
    public boolean onHold() {
        return !holds.isEmpty();
    }
}
