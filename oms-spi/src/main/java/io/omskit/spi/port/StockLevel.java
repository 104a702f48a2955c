package io.omskit.spi.port;

import io.omskit.spi.model.Checks;

/**
 * Stock of one SKU at one location: on hand, and the part of it reserved by orders.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param onHand units physically there, not yet shipped
 * @param reserved units of {@code onHand} held by reservations
 */
public record StockLevel(int onHand, int reserved) {
    public StockLevel {
        Checks.nonNegative(onHand, "on hand");
        Checks.nonNegative(reserved, "reserved");
    }

    /** On hand minus reserved, never negative. */
    public int available() {
        return Math.max(0, onHand - reserved);
    }
}
