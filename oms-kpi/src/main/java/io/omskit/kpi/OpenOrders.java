package io.omskit.kpi;

/**
 * Orders with net demand that have not closed by as_of; reported, never counted as on time or late.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param open open orders
 * @param pastDue open orders whose promise is before as_of
 */
public record OpenOrders(long open, long pastDue) {
    public OpenOrders {
        if (open < 0 || pastDue < 0 || pastDue > open) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "open orders must be 0 <= past due <= open, were " + pastDue + " and " + open);
        }
    }
}
