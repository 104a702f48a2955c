package io.omskit.spi.port;

/** A carrier tracking status. An enum: immutable, thread-safe. */
public enum TrackingStatus {
    LABEL_CREATED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, RETURNED_TO_SENDER
}
