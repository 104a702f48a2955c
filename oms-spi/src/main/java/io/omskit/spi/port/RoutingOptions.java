package io.omskit.spi.port;

/**
 * Options of a routing request.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param allowPartial whether a shortage yields a partial plan instead of a rejection
 * @param maxShipments the most locations the plan may use; {@link Integer#MAX_VALUE} for no limit
 * @param mergeDuplicateLines whether two lines of one SKU are merged instead of refused
 */
public record RoutingOptions(boolean allowPartial, int maxShipments, boolean mergeDuplicateLines) {
    /** No partial plans, no shipment limit, duplicates refused. */
    public static final RoutingOptions DEFAULTS = new RoutingOptions(false, Integer.MAX_VALUE, false);

    public RoutingOptions {
        if (maxShipments < 1) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "max shipments must be at least 1, was " + maxShipments);
        }
    }
}
