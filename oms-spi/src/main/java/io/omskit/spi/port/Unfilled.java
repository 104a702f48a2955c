package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Sku;

/**
 * Demand the plan could not allocate.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param sku what
 * @param quantity how many, at least 1
 */
public record Unfilled(Sku sku, int quantity) {
    public Unfilled {
        Checks.present(sku, "sku");
        Checks.positive(quantity, "unfilled quantity");
    }
}
