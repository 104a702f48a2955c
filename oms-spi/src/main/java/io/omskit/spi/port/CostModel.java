package io.omskit.spi.port;

import io.omskit.spi.model.Checks;

/**
 * The routing cost model, in cost units (an objective, not money). A plan costs, per used location,
 * {@code shipment_fixed_cost + packageBase + packagePerKm * d}, per unit {@code unit_cost + unitPerKm * d}, and
 * per unfilled unit (partial plans) {@code unfilledPenaltyPerUnit}, with {@code d} the haversine distance
 * from the location to the destination in km.
 *
 * <p>An immutable value; thread-safe. All coefficients are finite and non-negative.
 */
public record CostModel(double packageBase, double packagePerKm, double unitPerKm, double unfilledPenaltyPerUnit) {
    /** All zero. */
    public static final CostModel ZERO = new CostModel(0, 0, 0, 0);

    public CostModel {
        Checks.cost(packageBase, "package base", "");
        Checks.cost(packagePerKm, "package per km", "");
        Checks.cost(unitPerKm, "unit per km", "");
        Checks.cost(unfilledPenaltyPerUnit, "unfilled penalty per unit", "");
    }
}
