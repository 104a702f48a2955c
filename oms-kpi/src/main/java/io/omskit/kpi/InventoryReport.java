package io.omskit.kpi;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inventory block of a report: turnover and days of inventory per stocked location and overall.
 *
 * <p>An immutable value; thread-safe. Overall = sum of COGS / sum of averages (never the average of the
 * locations' turnovers).
 *
 * @param stockedLocations locations with at least one snapshot
 * @param daysInWindow D, the local days in the window
 * @param cogsExcludedNonStockedLocations cost shipped in the window from locations without snapshots (drop-ship)
 * @param overall all stocked locations together
 * @param byLocation each stocked location
 */
public record InventoryReport(List<LocationId> stockedLocations, int daysInWindow,
        Money cogsExcludedNonStockedLocations, InventoryKpis overall, Map<String, InventoryKpis> byLocation) {
    public InventoryReport {
        stockedLocations = List.copyOf(stockedLocations);
        byLocation = Collections.unmodifiableMap(new TreeMap<>(byLocation));
    }
}
