package io.omskit.spi.port;

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
        check(packageBase, "package base");
        check(packagePerKm, "package per km");
        check(unitPerKm, "unit per km");
        check(unfilledPenaltyPerUnit, "unfilled penalty per unit");
    }

    private static void check(double v, String name) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    name + " must be finite and non-negative, was " + v);
        }
    }
}
