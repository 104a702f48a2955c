package io.omskit.spi.model;

/**
 * An order line as captured: what was ordered, how many, at what price.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineId the line's id, unique within the order
 * @param sku what was ordered
 * @param quantity how many units, at least 1
 * @param unitPrice the price of one unit
 * @param unitCost the cost basis of one unit (for inventory KPIs), or null when the host does not say
 */
public record LineSpec(LineId lineId, Sku sku, int quantity, Money unitPrice, Money unitCost) {
    public LineSpec {
        Checks.present(lineId, "line id");
        Checks.present(sku, "sku");
        Checks.positive(quantity, "quantity of line ", lineId);
        Checks.present(unitPrice, "unit price of line ", lineId);
        if (unitPrice.isNegative()) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "unit price of line " + lineId + " is negative");
        }
        if (unitCost != null) {
            unitPrice.sameCurrency(unitCost);
        }
    }
}
