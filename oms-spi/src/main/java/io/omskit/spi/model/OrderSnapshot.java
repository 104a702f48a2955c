package io.omskit.spi.model;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The whole order aggregate at one version: lines with their quantity buckets, holds, fulfillments, the
 * payment ledger and returns. One {@code version} covers all of it; every accepted command raises it by one.
 *
 * <p>An immutable value; thread-safe. Lists are copied on construction (an immutable list is kept as it is, see
 * {@link Checks#list}). Its JSON form lists the placement's facts as properties of the snapshot itself, in the
 * order of the 22-argument constructor.
 *
 * @param id the order id
 * @param version 1 after capture, +1 per accepted command
 * @param state the lifecycle state's name: a built-in {@link OrderStatus} name or a host's custom state
 * @param status the built-in category of {@code state}
 * @param placement the facts fixed at capture (channel, customer, currency, addresses, ...); one value shared by
 *     every snapshot of the order, read through {@link #channel()}, {@link #currency()} and the other accessors
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
public record OrderSnapshot(OrderId id, long version, String state, OrderStatus status, OrderPlacement placement,
                            List<OrderLine> lines, List<Hold> holds, List<Fulfillment> fulfillments,
                            List<PaymentTransaction> payments, List<OrderReturn> returns, FraudAssessment fraud,
                            Instant updatedAt, List<PaymentRequest> paymentRequests) {
    // Explicit canonical constructor: the fields are stored before the checks (a snapshot that fails them is never
    // seen), so that, inlined into a caller that computed its arguments first, the stores follow the allocation and
    // need no GC write barrier. The lists are kept or copied first without throwing (listOrNull); when the caller
    // is known to pass FrozenLists (the engine's snapshot factory checks their class before the allocation), that
    // is no code at all and the lists' stores also follow the allocation. The checks then throw in the order of
    // the components, as a compact constructor would
    public OrderSnapshot(OrderId id, long version, String state, OrderStatus status, OrderPlacement placement,
                         List<OrderLine> lines, List<Hold> holds, List<Fulfillment> fulfillments,
                         List<PaymentTransaction> payments, List<OrderReturn> returns, FraudAssessment fraud,
                         Instant updatedAt, List<PaymentRequest> paymentRequests) {
        this.id = id;
        this.version = version;
        this.state = state;
        this.status = status;
        this.placement = placement;
        this.fraud = fraud;
        this.updatedAt = updatedAt;
        List<OrderLine> ls = Checks.listOrNull(lines);
        List<Hold> hs = Checks.listOrNull(holds);
        List<Fulfillment> fs = Checks.listOrNull(fulfillments);
        List<PaymentTransaction> ps = Checks.listOrNull(payments);
        List<OrderReturn> rs = Checks.listOrNull(returns);
        List<PaymentRequest> qs = paymentRequests == null ? List.of() : Checks.listOrNull(paymentRequests);
        this.lines = ls;
        this.holds = hs;
        this.fulfillments = fs;
        this.payments = ps;
        this.returns = rs;
        this.paymentRequests = qs;
        checkHead(id, version, state, status);
        Checks.present(placement, "placement");
        if (ls == null) {
            Checks.refuseList(lines, "lines");
        }
        if (hs == null) {
            Checks.refuseList(holds, "holds");
        }
        if (fs == null) {
            Checks.refuseList(fulfillments, "fulfillments");
        }
        if (ps == null) {
            Checks.refuseList(payments, "payments");
        }
        if (rs == null) {
            Checks.refuseList(returns, "returns");
        }
        Checks.present(updatedAt, "updated at");
        if (qs == null) {
            Checks.refuseList(paymentRequests, "payment requests");
        }
    }

    /**
     * A snapshot from the placement's facts one by one (the shape before {@link OrderPlacement}; its JSON form).
     *
     * @param paymentRequests null means none
     */
    public OrderSnapshot(OrderId id, long version, String state, OrderStatus status, Channel channel,
                         String externalOrderId, String idempotencyKey, CustomerId customer, Currency currency,
                         Address shipTo, Address billTo, LocationId pickupLocation, Instant placedAt,
                         Instant promisedBy, List<OrderLine> lines, List<Hold> holds,
                         List<Fulfillment> fulfillments, List<PaymentTransaction> payments,
                         List<OrderReturn> returns, FraudAssessment fraud, Instant updatedAt,
                         List<PaymentRequest> paymentRequests) {
        // arguments are evaluated in order: the head is checked before the placement's facts, as the canonical
        // constructor checks them, so that a snapshot with several bad values is refused for the same one
        this(checkHead(id, version, state, status), version, state, status, new OrderPlacement(channel,
                externalOrderId, idempotencyKey, customer, currency, shipTo, billTo, pickupLocation, placedAt,
                promisedBy), lines, holds, fulfillments, payments, returns, fraud, updatedAt, paymentRequests);
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

    /** The checks of id, version and state, first in every constructor; returns the id. */
    private static OrderId checkHead(OrderId id, long version, String state, OrderStatus status) {
        Checks.present(id, "order id");
        if (version < 1) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "order version must be at least 1, was " + version);
        }
        Checks.state(state, status, "order state");
        Checks.present(status, "order status");
        return id;
    }

    /** Where it came from. */
    public Channel channel() {
        return placement.channel();
    }

    /** The channel's own order number, or null. */
    public String externalOrderId() {
        return placement.externalOrderId();
    }

    /** The capture's idempotency key. */
    public String idempotencyKey() {
        return placement.idempotencyKey();
    }

    /** The customer, or null for a guest. */
    public CustomerId customer() {
        return placement.customer();
    }

    /** The order's currency; every amount on it is in this currency. */
    public Currency currency() {
        return placement.currency();
    }

    /** The delivery address, or null for a pickup order. */
    public Address shipTo() {
        return placement.shipTo();
    }

    /** The billing address, or null. */
    public Address billTo() {
        return placement.billTo();
    }

    /** The store the customer collects from, or null. */
    public LocationId pickupLocation() {
        return placement.pickupLocation();
    }

    /** When it was captured. */
    public Instant placedAt() {
        return placement.placedAt();
    }

    /** The delivery promise (end of the promised local day), or null. */
    public Instant promisedBy() {
        return placement.promisedBy();
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
