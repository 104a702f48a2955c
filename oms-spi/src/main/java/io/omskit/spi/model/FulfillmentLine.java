package io.omskit.spi.model;

/**
 * A quantity of one order line inside a fulfillment.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineId the order line
 * @param quantity how many units, at least 1
 */
public record FulfillmentLine(LineId lineId, int quantity) {
    public FulfillmentLine {
        Checks.present(lineId, "line id");
        Checks.positive(quantity, "fulfillment quantity of line ", lineId);
    }
}
