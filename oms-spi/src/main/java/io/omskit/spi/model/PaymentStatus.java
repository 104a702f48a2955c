package io.omskit.spi.model;

/**
 * The order's payment status, derived from its ledger (never set by hand). An enum: immutable, thread-safe.
 */
public enum PaymentStatus {
    /** Nothing authorized yet. */
    NOT_PAID,
    /** The last authorization attempt was declined and nothing is authorized. */
    FAILED,
    /** Authorized for less than the order total. */
    PARTIALLY_AUTHORIZED,
    /** Authorized for the order total, nothing captured. */
    AUTHORIZED,
    /** Part of the total captured. */
    PARTIALLY_PAID,
    /** The total captured. */
    PAID,
    /** Part of the captured amount refunded. */
    PARTIALLY_REFUNDED,
    /** All of the captured amount refunded. */
    REFUNDED,
    /** The authorization was voided and nothing was captured. */
    VOIDED
}
