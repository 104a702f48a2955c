package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import java.util.Map;

/**
 * A location the router may ship from, with its stock for the order's SKUs and its costs.
 *
 * <p>An immutable value; thread-safe. Maps are copied. Counts are non-negative and costs finite and non-negative
 * ({@code INVALID_QUANTITY}, {@code INVALID_VALUE}: the router's bounds and its proof of optimality rely on it; a
 * missing SKU or count is {@code MISSING_VALUE}).
 *
 * @param id the location
 * @param position where it is, or null when unknown
 * @param priority rank, lower first
 * @param enabled whether it takes orders now
 * @param pickup whether customers may collect there (informational; {@code pickupLocation} decides)
 * @param stock units on hand per SKU; a SKU listed with 0 is known but short
 * @param reserved units already promised per SKU
 * @param safetyStock units per SKU withheld
 * @param unitCost handling cost per unit, in cost units
 * @param shipmentFixedCost fixed cost per shipment from here
 * @param capacityUnits the most units this order may take from here; {@link Integer#MAX_VALUE} for no limit
 */
public record CandidateLocation(LocationId id, GeoPoint position, int priority, boolean enabled, boolean pickup,
                                Map<Sku, Integer> stock, Map<Sku, Integer> reserved, int safetyStock,
                                double unitCost, double shipmentFixedCost, int capacityUnits) {
    public CandidateLocation {
        Checks.present(id, "location id");
        stock = units(stock, "stock at ", id);
        reserved = units(reserved, "reserved at ", id);
        Checks.nonNegative(safetyStock, "safety stock at ", id);
        Checks.nonNegative(capacityUnits, "capacity units at ", id);
        Checks.cost(unitCost, "unit cost at ", id);
        Checks.cost(shipmentFixedCost, "shipment fixed cost at ", id);
    }

    /** A copy of a map of units per SKU: no missing SKU or count, no negative count (it would add stock). */
    private static Map<Sku, Integer> units(Map<Sku, Integer> units, String name, LocationId id) {
        Checks.present(units, name, id);
        for (Map.Entry<Sku, Integer> e : units.entrySet()) {
            if (e.getKey() == null) { // the name built only when the check fails: the loop runs per SKU
                Checks.present(null, "SKU of " + name, id);
            }
            Checks.nonNegative(Checks.present(e.getValue(), name, id), name, id);
        }
        return Map.copyOf(units);
    }

    /** max(0, stock - reserved - safety stock) of {@code sku}; 0 when not listed. */
    public int available(Sku sku) {
        Integer s = stock.get(sku);
        if (s == null) {
            return 0;
        }
        Integer r = reserved.get(sku);
        return Math.max(0, s - (r == null ? 0 : r) - safetyStock);
    }
}
