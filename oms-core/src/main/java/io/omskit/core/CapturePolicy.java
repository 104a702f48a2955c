package io.omskit.core;

/**
 * When {@link OrderService} captures authorized money. An enum: immutable, thread-safe.
 */
public enum CapturePolicy {
    /** Capture the whole amount due as soon as the order is confirmed. */
    AT_CONFIRMATION,
    /** Capture, per shipment, the value of what shipped (or was picked up), up to the amount still due. */
    AT_SHIPMENT
}
