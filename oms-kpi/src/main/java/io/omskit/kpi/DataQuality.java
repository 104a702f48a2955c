package io.omskit.kpi;

/**
 * What the calculators left out or corrected, so that nothing is dropped silently.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param eventsIgnoredAfterAsOf events dated after as_of (they had not happened yet)
 * @param ordersWithoutPlacedEvent orders seen only through later events (no {@code OrderPlaced}); left out
 * @param returnedUnitsCapped returned units beyond the units delivered on their line, left out (a data error)
 */
public record DataQuality(long eventsIgnoredAfterAsOf, long ordersWithoutPlacedEvent, long returnedUnitsCapped) {
    public DataQuality {
        if (eventsIgnoredAfterAsOf < 0 || ordersWithoutPlacedEvent < 0 || returnedUnitsCapped < 0) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "data quality counts must not be negative");
        }
    }
}
