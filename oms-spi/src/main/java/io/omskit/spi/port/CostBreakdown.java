package io.omskit.spi.port;

/**
 * A plan's cost under the request's cost model, in cost units.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param total shipment + units + unfilled penalty
 * @param shipment the per-shipment part (fixed cost, package base, package per km)
 * @param units the per-unit part (handling, unit per km)
 * @param unfilledPenalty the penalty of unfilled units
 */
public record CostBreakdown(double total, double shipment, double units, double unfilledPenalty) {
    public static final CostBreakdown ZERO = new CostBreakdown(0, 0, 0, 0);
}
