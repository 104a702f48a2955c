package io.omskit.spi.model;

/**
 * One line of a return: which units, why, and what became of them.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineId the order line returned
 * @param quantity units the customer asked to return, at least 1
 * @param reason the customer's reason, such as {@code changed_mind}, {@code defective}, {@code wrong_item}
 * @param received units received so far, 0 to {@code quantity}
 * @param inspection the inspection result
 * @param disposition what happens to the received units, or null before inspection
 */
public record ReturnLine(LineId lineId, int quantity, String reason, int received, InspectionResult inspection,
                         Disposition disposition) {
    public ReturnLine {
        Checks.present(lineId, "line id");
        Checks.positive(quantity, "return quantity of line ", lineId);
        Checks.nonNegative(received, "received quantity of line ", lineId);
        if (received > quantity) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_QUANTITY,
                    "received " + received + " of line " + lineId + " but only " + quantity + " were to be returned");
        }
        Checks.present(inspection, "inspection result");
    }
}
