package io.omskit.spi.port;

/** The kind of a fulfillment location. An enum: immutable, thread-safe. */
public enum LocationType {
    WAREHOUSE, STORE
}
