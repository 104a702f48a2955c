package io.omskit.spi.model;

/** The kind of a payment ledger entry. An enum: immutable, thread-safe. */
public enum TransactionType {
    AUTHORIZATION, CAPTURE, REFUND, VOID
}
