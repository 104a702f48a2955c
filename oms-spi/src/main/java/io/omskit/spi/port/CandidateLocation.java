package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import java.util.Map;

/**
 * A location the router may ship from, with its stock for the order's SKUs and its costs.
 *
 * <p>An immutable value; thread-safe. Maps are copied.
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
        stock = Map.copyOf(Checks.present(stock, "stock"));
        reserved = Map.copyOf(Checks.present(reserved, "reserved"));
        Checks.nonNegative(safetyStock, "safety stock");
        Checks.nonNegative(capacityUnits, "capacity units");
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
