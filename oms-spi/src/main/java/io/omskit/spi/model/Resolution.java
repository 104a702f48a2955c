package io.omskit.spi.model;

/** How a return is settled with the customer. An enum: immutable, thread-safe. */
public enum Resolution {
    REFUND, EXCHANGE, STORE_CREDIT, NONE
}
