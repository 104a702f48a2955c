package io.omskit.spi.model;

/** A fraud screen's verdict. An enum: immutable, thread-safe. */
public enum FraudDecision {
    /** Go on. */
    ACCEPT,
    /** Hold the order for a person to look at. */
    REVIEW,
    /** Refuse the order. */
    REJECT
}
