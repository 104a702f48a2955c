package io.omskit.spi.model;

/**
 * The order lifecycle's built-in states, which are also the categories a host's custom order states declare.
 * {@code PLACED -> IN_REVIEW -> CONFIRMED -> COMPLETED}, plus {@code CANCELLED} and {@code REJECTED}.
 *
 * <p>An enum: immutable, thread-safe.
 */
public enum OrderStatus {
    /** Captured from a channel. */
    PLACED,
    /** Payment authorization and fraud screening under way. */
    IN_REVIEW,
    /** Verified; lines can be routed and fulfilled. */
    CONFIRMED,
    /** Every unit in a terminal bucket and payment settled; reached automatically. Returns stay possible. */
    COMPLETED,
    /** Cancelled before anything shipped. Terminal. */
    CANCELLED,
    /** Refused at verification (payment declined, fraud). Terminal. */
    REJECTED;

    /** Whether no further lifecycle transition leaves this state. */
    public boolean terminal() {
        return this == CANCELLED || this == REJECTED;
    }
}
