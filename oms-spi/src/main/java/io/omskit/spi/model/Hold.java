package io.omskit.spi.model;

import java.time.Instant;

/**
 * A hold on an order: while any hold is active, nothing of the order is released to fulfillment.
 * Holds are a set beside the order's state, not a state.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param id the hold's id, unique within the order
 * @param type its kind
 * @param reason why, free text without personal data
 * @param actor who placed it (a user id or a system name)
 * @param line the line it is about, or null for the whole order
 * @param placedAt when it was placed
 */
public record Hold(HoldId id, HoldType type, String reason, String actor, LineId line, Instant placedAt) {
    public Hold {
        Checks.present(id, "hold id");
        Checks.present(type, "hold type");
        Checks.present(actor, "hold actor");
        Checks.present(placedAt, "hold time");
    }
}
