package io.omskit.kpi;

import io.omskit.spi.model.Checks;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A KPI report for one window as of one instant: overall, by channel, by ship-from location, by carrier, the open
 * orders and the inventory block. {@link KpiReports} renders it as JSON or as a text table.
 *
 * <p>An immutable value; thread-safe. By location and by carrier, an order counts once under every location
 * (carrier) that shipped part of it, so those groups may add up to more than overall.
 *
 * @param window the window
 * @param asOf the cutoff: events after it were ignored
 * @param overall every order
 * @param byChannel by the order's channel id
 * @param byLocation by ship-from location
 * @param byCarrier by carrier (shipments without a carrier are not grouped)
 * @param openOverall open orders as of {@code asOf}
 * @param openByChannel open orders by channel
 * @param inventory the inventory KPIs
 * @param dataQuality what was left out
 */
public record KpiReport(KpiWindow window, Instant asOf, KpiGroup overall, Map<String, KpiGroup> byChannel,
        Map<String, KpiGroup> byLocation, Map<String, KpiGroup> byCarrier, OpenOrders openOverall,
        Map<String, OpenOrders> openByChannel, InventoryReport inventory, DataQuality dataQuality) {
    public KpiReport {
        Checks.present(window, "window");
        Checks.present(asOf, "as of");
        Checks.present(overall, "overall");
        byChannel = sorted(byChannel);
        byLocation = sorted(byLocation);
        byCarrier = sorted(byCarrier);
        Checks.present(openOverall, "open orders");
        openByChannel = sorted(openByChannel);
        Checks.present(inventory, "inventory");
        Checks.present(dataQuality, "data quality");
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(Checks.present(map, "group map")));
    }
}
