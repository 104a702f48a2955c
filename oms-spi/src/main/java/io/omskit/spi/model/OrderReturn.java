package io.omskit.spi.model;

import java.time.Instant;
import java.util.List;

/**
 * A return authorization on an order.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param id unique within the order
 * @param status its lifecycle state
 * @param lines the units returned
 * @param exchange whether replacement goods are sent (an exchange) instead of a refund
 * @param resolution how it was settled, or null while open
 * @param requestedAt when it was requested
 */
public record OrderReturn(ReturnId id, ReturnStatus status, List<ReturnLine> lines, boolean exchange,
                          Resolution resolution, Instant requestedAt) {
    public OrderReturn {
        Checks.present(id, "return id");
        Checks.present(status, "return status");
        lines = Checks.list(lines, "return lines");
        Checks.present(requestedAt, "return time");
    }
}
