package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Sku;
import java.util.Map;

/**
 * The outcome of {@link InventoryStore#reserve}: all lines reserved, or none with the shortages.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param reserved whether every line was reserved
 * @param shortages for a refused reservation, per SKU the units that were missing; empty when reserved
 */
public record ReservationResult(boolean reserved, Map<Sku, Integer> shortages) {
    public ReservationResult {
        shortages = Map.copyOf(Checks.present(shortages, "shortages"));
    }

    public static ReservationResult ok() {
        return new ReservationResult(true, Map.of());
    }

    public static ReservationResult rejected(Map<Sku, Integer> shortages) {
        return new ReservationResult(false, shortages);
    }
}
