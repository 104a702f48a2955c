package io.omskit.spi.model;

/** Who asked for a cancellation or a rejection. An enum: immutable, thread-safe. */
public enum Initiator {
    CUSTOMER, MERCHANT, SYSTEM
}
