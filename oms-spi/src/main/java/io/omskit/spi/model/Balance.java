package io.omskit.spi.model;

/**
 * Whether money is owed, derived from the ledger and the amount due. An enum: immutable, thread-safe.
 */
public enum Balance {
    /** The customer owes money: captured net of refunds is below the amount due. */
    BALANCE_DUE,
    /** Captured net of refunds equals the amount due. */
    SETTLED,
    /** The merchant owes money back: captured net of refunds exceeds the amount due. */
    CREDIT_OWED
}
