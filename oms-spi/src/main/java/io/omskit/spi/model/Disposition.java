package io.omskit.spi.model;

/** What happens to returned units after inspection. An enum: immutable, thread-safe. */
public enum Disposition {
    /** Back into sellable stock at the receiving location. */
    RESTOCK,
    /** Not sellable; written off. */
    UNSELLABLE
}
