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
    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public ShippedLine(LineId lineId, Sku sku, int quantity) {
        this.lineId = lineId;
        this.sku = sku;
        this.quantity = quantity;
        Checks.present(lineId, "line id");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "shipped quantity of line ", lineId);
    }
}
