package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Sku;

/**
 * Demand of one SKU in a routing request. The quantity is checked by the router (so that errors come in
 * the documented order: {@code EMPTY_ORDER}, {@code INVALID_QUANTITY}, {@code UNKNOWN_SKU},
 * {@code DUPLICATE_SKU_LINE}).
 *
 * <p>An immutable value; thread-safe.
 *
 * @param sku what
 * @param quantity how many
 */
public record RoutingLine(Sku sku, int quantity) {
    public RoutingLine {
        Checks.present(sku, "sku");
    }
}
