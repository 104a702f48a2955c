package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;

/**
 * Units of one SKU to ship from one location.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param location where from
 * @param sku what
 * @param quantity how many, at least 1
 * @param oversoldQuantity the part of {@code quantity} the location did not have (0 except when oversold)
 */
public record Allocation(LocationId location, Sku sku, int quantity, int oversoldQuantity) {
    public Allocation {
        Checks.present(location, "location");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "allocated quantity");
        Checks.nonNegative(oversoldQuantity, "oversold quantity");
    }
}
