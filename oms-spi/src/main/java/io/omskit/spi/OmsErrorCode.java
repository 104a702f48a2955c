package io.omskit.spi;

/**
 * The stable code of every failure and every rejected decision in omskit.
 *
 * <p>Immutable and thread-safe (an enum). Codes are API: new codes are added freely, existing ones are
 * never renamed or removed, so hosts may switch on them and store them.
 */
public enum OmsErrorCode {
    // --- input validation -------------------------------------------------------------------------
    /** A required value was null or blank. */
    MISSING_VALUE,
    /** A value is malformed: an id with control characters, a latitude out of range, and the like. */
    INVALID_VALUE,
    /** A quantity that must be positive was zero or negative, or did not fit. */
    INVALID_QUANTITY,
    /** Two amounts in different currencies were combined. */
    CURRENCY_MISMATCH,
    /** A JSON document could not be read. */
    MALFORMED_JSON,
    /** A command named a line the order does not have. */
    UNKNOWN_LINE,
    /** A command named a fulfillment the order does not have. */
    UNKNOWN_FULFILLMENT,
    /** A command named a return the order does not have. */
    UNKNOWN_RETURN,
    /** A command named a hold the order does not have, or one already released. */
    UNKNOWN_HOLD,
    /** A SKU that no location lists. */
    UNKNOWN_SKU,
    /** A location that the directory does not know. */
    UNKNOWN_LOCATION,
    /** An order without lines. */
    EMPTY_ORDER,
    /** Two lines of one order name the same SKU. */
    DUPLICATE_SKU_LINE,
    /** An id used twice where it must be unique (a line id, a fulfillment id, a return id). */
    DUPLICATE_ID,

    // --- state machines ---------------------------------------------------------------------------
    /** The state graph has no edge for the requested transition. */
    ILLEGAL_TRANSITION,
    /** A quantity bucket holds fewer units than the command moves. */
    INSUFFICIENT_QUANTITY,
    /**
     * An active hold blocks the command (release to fulfillment), or money the order owes for the replacement units
     * the fulfillment carries.
     */
    ORDER_ON_HOLD,
    /** A host guard refused the transition; its reason is in the message. */
    GUARD_REJECTED,
    /** The order is in a terminal state. */
    ORDER_CLOSED,
    /** Cancelling a whole order after some of it shipped. */
    ALREADY_SHIPPED,
    /** Capturing more than authorized, refunding more than captured, voiding what was captured. */
    PAYMENT_AMOUNT_EXCEEDED,
    /**
     * The payment provider declined. Not thrown by omskit itself: a decline is a domain outcome (the order is
     * rejected with the reason {@code payment_declined}); for a host's own calls.
     */
    PAYMENT_DECLINED,
    /**
     * The fraud screen rejected the order. Not thrown by omskit itself: a fraud reject is a domain outcome (the
     * order is rejected with the reason {@code fraud_suspected}); for a host's own calls.
     */
    FRAUD_REJECTED,

    // --- stock and routing ------------------------------------------------------------------------
    /** Not enough available stock. */
    INSUFFICIENT_STOCK,
    /** The pickup location is disabled or excluded. */
    PICKUP_LOCATION_UNAVAILABLE,
    /** A reservation id reused with different content, or released or consumed past what it holds. */
    RESERVATION_CONFLICT,
    /** A reservation id the inventory store does not know. */
    UNKNOWN_RESERVATION,
    /** The named routing strategy does not exist. */
    UNKNOWN_STRATEGY,

    // --- persistence and concurrency --------------------------------------------------------------
    /** The order does not exist. */
    ORDER_NOT_FOUND,
    /** A save whose expected version is not the stored one. */
    STALE_VERSION,
    /** A new order whose idempotency key another order already holds. */
    DUPLICATE_IDEMPOTENCY_KEY,
    /** Optimistic retries were exhausted. */
    CONCURRENT_MODIFICATION,

    // --- providers --------------------------------------------------------------------------------
    /** A provider (payment, fraud, carrier, store) did not answer in time. */
    PROVIDER_TIMEOUT,
    /** A provider failed; the call may be retried with the same idempotency key. */
    PROVIDER_ERROR,

    // --- configuration ----------------------------------------------------------------------------
    /** The library was wired or configured wrongly. */
    CONFIGURATION
}
