package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;

/**
 * A fulfillment location: a warehouse or a store, where it is, what it can do and what it costs.
 *
 * <p>An immutable value; thread-safe. Counts are non-negative and costs finite and non-negative ({@code
 * INVALID_QUANTITY}, {@code INVALID_VALUE}).
 *
 * @param id its id
 * @param name a display name
 * @param type warehouse or store
 * @param position where it is, or null when unknown
 * @param ships whether it ships parcels
 * @param pickup whether customers collect orders there
 * @param enabled whether it takes orders now
 * @param priority routing rank, lower first
 * @param capacityUnits the most units one order may take from it; {@link Integer#MAX_VALUE} for no limit
 * @param safetyStock units per SKU withheld from routing
 * @param unitCost handling cost per unit, in cost units (not money)
 * @param shipmentFixedCost fixed cost per shipment from here, in cost units
 */
public record Location(LocationId id, String name, LocationType type, GeoPoint position, boolean ships, boolean pickup,
                       boolean enabled, int priority, int capacityUnits, int safetyStock, double unitCost,
                       double shipmentFixedCost) {
    public Location {
        Checks.present(id, "location id");
        Checks.present(type, "location type");
        Checks.nonNegative(capacityUnits, "capacity units");
        Checks.nonNegative(safetyStock, "safety stock");
        Checks.cost(unitCost, "unit cost of ", id);
        Checks.cost(shipmentFixedCost, "shipment fixed cost of ", id);
    }
}
