package io.omskit.kpi;

import io.omskit.spi.model.Checks;

import java.util.EnumMap;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The order KPIs of one group of orders (overall, one channel, one ship-from location or one carrier) in a window.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param placed |P(W)|, orders placed in the window
 * @param closed |C(W)|, orders closed in the window
 * @param closedDelivered |D(W)|, closed orders with at least one delivery
 * @param rates every {@link RateKpi}
 * @param perfectOrderIndexMultiplicative the APQC-style approximation: in full x on time x damage-free x
 *     documentation accuracy rates; empty when one of them is
 * @param orderCycleTime D(W): last delivery minus placement, seconds
 * @param orderToShipTime D(W): last shipment minus placement, seconds
 */
public record KpiGroup(long placed, long closed, long closedDelivered, Map<RateKpi, Rate> rates,
        OptionalDouble perfectOrderIndexMultiplicative, DurationSummary orderCycleTime,
        DurationSummary orderToShipTime) {
    public KpiGroup {
        Checks.present(rates, "rates");
        EnumMap<RateKpi, Rate> copy = new EnumMap<>(RateKpi.class);
        copy.putAll(rates);
        for (RateKpi kpi : RateKpi.all()) {
            if (!copy.containsKey(kpi)) {
                copy.put(kpi, new Rate(0, 0));
            }
        }
        rates = Collections.unmodifiableMap(copy);
        Checks.present(perfectOrderIndexMultiplicative, "perfect order index");
        Checks.present(orderCycleTime, "order cycle time");
        Checks.present(orderToShipTime, "order to ship time");
    }

    /** The rate of one KPI. */
    public Rate rate(RateKpi kpi) {
        return rates.get(kpi);
    }
}
