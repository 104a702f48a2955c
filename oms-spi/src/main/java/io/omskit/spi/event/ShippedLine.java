package io.omskit.spi.event;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;

/**
 * Units of a line in a shipment. The SKU is what was actually shipped, which may differ from the ordered
 * line's SKU (a wrong item, as imported history can show).
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineId the order line
 * @param sku the SKU shipped
 * @param quantity units, at least 1
 */
public record ShippedLine(LineId lineId, Sku sku, int quantity) {
    public ShippedLine {
        Checks.present(lineId, "line id");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "shipped quantity of line ", lineId);
    }
}
