package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Sku;

import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Inventory snapshots by location, SKU and date: {onHand, unit cost in minor units}. A duplicate (location, SKU,
 * date) keeps the larger value pair, so the store does not depend on the order of adds. Not thread-safe.
 */
final class SnapshotStore {
    final Map<String, Map<Sku, TreeMap<LocalDate, long[]>>> byLocation = new HashMap<>();
    Currency currency;

    void add(String location, InventorySnapshot s) {
        currency(s.unitCost().currency());
        put(location, s.sku(), s.date(), new long[] {s.onHand(), s.unitCost().minorUnits()});
    }

    private void currency(Currency c) {
        if (currency == null) {
            currency = c;
        } else if (!currency.equals(c)) {
            throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH,
                    "inventory snapshots in " + currency + " and " + c + "; one currency per calculator");
        }
    }

    private void put(String location, Sku sku, LocalDate date, long[] value) {
        TreeMap<LocalDate, long[]> series = byLocation.computeIfAbsent(location, k -> new HashMap<>())
                .computeIfAbsent(sku, k -> new TreeMap<>());
        long[] old = series.get(date);
        if (old == null || old[0] < value[0] || (old[0] == value[0] && old[1] < value[1])) {
            series.put(date, value);
        }
    }

    /** Refuses ({@code CURRENCY_MISMATCH}) a store whose snapshots are in another currency; changes nothing. */
    void checkMergeable(SnapshotStore other) {
        if (currency != null && other.currency != null && !currency.equals(other.currency)) {
            throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH,
                    "inventory snapshots in " + currency + " and " + other.currency + "; one currency per calculator");
        }
    }

    void merge(SnapshotStore other, UnaryOperator<String> intern) {
        if (other.currency != null) {
            currency(other.currency);
        }
        for (Map.Entry<String, Map<Sku, TreeMap<LocalDate, long[]>>> l : other.byLocation.entrySet()) {
            for (Map.Entry<Sku, TreeMap<LocalDate, long[]>> s : l.getValue().entrySet()) {
                for (Map.Entry<LocalDate, long[]> d : s.getValue().entrySet()) {
                    put(intern.apply(l.getKey()), s.getKey(), d.getKey(), d.getValue().clone());
                }
            }
        }
    }

    boolean stocked(String location) {
        return byLocation.containsKey(location);
    }

    /** The unit cost of {@code sku} at {@code location} on {@code date} (latest on or before, else earliest), or NONE. */
    long cost(String location, Sku sku, LocalDate date) {
        Map<Sku, TreeMap<LocalDate, long[]>> skus = byLocation.get(location);
        TreeMap<LocalDate, long[]> series = skus == null ? null : skus.get(sku);
        if (series == null || series.isEmpty()) {
            return OrderState.NONE;
        }
        Map.Entry<LocalDate, long[]> e = series.floorEntry(date);
        return (e != null ? e.getValue() : series.firstEntry().getValue())[1];
    }

    /**
     * End-of-day levels of a location for {@code days + 1} days starting the day before {@code first}: index 0 is
     * the day before, index k is first + k - 1. Returns {values in minor units, units}.
     */
    long[][] levels(String location, LocalDate first, int days) {
        long[] value = new long[days + 1];
        long[] units = new long[days + 1];
        for (TreeMap<LocalDate, long[]> series : byLocation.get(location).values()) {
            for (int k = 0; k <= days; k++) {
                Map.Entry<LocalDate, long[]> e = series.floorEntry(first.plusDays(k - 1L));
                if (e != null) {
                    value[k] = Math.addExact(value[k], Math.multiplyExact(e.getValue()[0], e.getValue()[1]));
                    units[k] += e.getValue()[0];
                }
            }
        }
        return new long[][] {value, units};
    }
}
