package io.omskit.spi.port;

/** The outcome of routing. An enum: immutable, thread-safe. */
public enum PlanStatus {
    /** All demand allocated. */
    OK,
    /** Some demand allocated, the rest unfilled ({@code allow_partial}). */
    PARTIAL,
    /** Nothing allocated; the plan's error says why. */
    REJECTED,
    /** Allocated beyond stock ({@code priority_whole_lines} only); rows carry the oversold part. */
    OVERSOLD
}
