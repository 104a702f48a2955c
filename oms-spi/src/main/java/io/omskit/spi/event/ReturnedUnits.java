package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;

/**
 * Units of a line in a return request or reception.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineId the order line
 * @param sku the SKU returned
 * @param quantity units, at least 1
 * @param reason the customer's reason (in a request), or null
 */
public record ReturnedUnits(LineId lineId, Sku sku, int quantity, String reason) {
    public ReturnedUnits {
        Checks.present(lineId, "line id");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "returned quantity of line ", lineId);
    }
}
