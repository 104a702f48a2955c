package io.omskit.spi.model;

/** The outcome of inspecting returned units. An enum: immutable, thread-safe. */
public enum InspectionResult {
    PENDING, ACCEPTED, REJECTED
}
