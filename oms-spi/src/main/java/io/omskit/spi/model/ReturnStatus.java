package io.omskit.spi.model;

/**
 * A return's lifecycle: {@code REQUESTED -> APPROVED -> RECEIVED -> CLOSED}, plus {@code REJECTED} and
 * {@code CANCELLED}. An enum: immutable, thread-safe.
 */
public enum ReturnStatus {
    REQUESTED, APPROVED, RECEIVED, CLOSED, REJECTED, CANCELLED;

    /** Whether no further transition leaves this state. */
    public boolean terminal() {
        return this == CLOSED || this == REJECTED || this == CANCELLED;
    }
}
