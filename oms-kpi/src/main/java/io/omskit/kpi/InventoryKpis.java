package io.omskit.kpi;

import io.omskit.spi.model.Money;

import java.util.OptionalDouble;

/**
 * Inventory KPIs of a set of stocked locations over a window of D local days.
 *
 * <p>An immutable value; thread-safe. Averages are in the currency's major units (ratios of exact sums); money
 * totals are exact.
 *
 * @param cogsShipped cost of the units shipped (issued) in the window from these locations
 * @param unitsShipped units shipped in the window from these locations
 * @param avgInventoryValueTimeWeighted (1/D) x sum over the days of the end-of-day value (carry forward)
 * @param avgInventoryUnitsTimeWeighted (1/D) x sum over the days of the end-of-day units
 * @param openingInventoryValue the value at the end of the day before the window
 * @param closingInventoryValue the value at the end of the window's last day
 * @param avgInventoryValueSimple (opening + closing) / 2
 * @param inventoryTurnover COGS / time-weighted average; empty when the average is 0
 * @param inventoryTurnoverSimple COGS / simple average; empty when that average is 0
 * @param inventoryTurnoverAnnualized turnover x 365 / D
 * @param daysOfInventory D x average / COGS; empty when COGS is 0
 * @param unitTurnover units shipped / time-weighted average units; empty when that average is 0
 */
public record InventoryKpis(Money cogsShipped, long unitsShipped, double avgInventoryValueTimeWeighted,
        double avgInventoryUnitsTimeWeighted, Money openingInventoryValue, Money closingInventoryValue,
        double avgInventoryValueSimple, OptionalDouble inventoryTurnover, OptionalDouble inventoryTurnoverSimple,
        OptionalDouble inventoryTurnoverAnnualized, OptionalDouble daysOfInventory, OptionalDouble unitTurnover) {
}
