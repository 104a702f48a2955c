package io.omskit.kpi;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.Sku;

import java.time.LocalDate;

/**
 * The end-of-day stock of one SKU at one location, valued at a unit cost.
 *
 * <p>An immutable value; thread-safe. A day without a snapshot carries the previous snapshot forward; before the
 * first snapshot the level is 0.
 *
 * @param sku the SKU
 * @param location the stocking location
 * @param date the business-local date whose end the level is taken at
 * @param onHand units on hand, at least 0
 * @param unitCost the cost basis of one unit
 */
public record InventorySnapshot(Sku sku, LocationId location, LocalDate date, int onHand, Money unitCost) {
    public InventorySnapshot {
        Checks.present(sku, "sku");
        Checks.present(location, "location");
        Checks.present(date, "date");
        if (onHand < 0 || unitCost == null) { // the names are built only for a refusal
            Checks.nonNegative(onHand, "on hand of " + sku + " at " + location);
            Checks.present(unitCost, "unit cost of " + sku + " at " + location);
        }
    }
}
