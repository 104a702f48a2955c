package io.omskit.kpi;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The additive counters of one group in one day (or one window): population sizes, the numerator and denominator
 * of every rate, and two distributions. Merging adds them. Not thread-safe.
 */
final class Counters {
    private static final int RATES = RateKpi.all().length;

    long placed;
    long closed;
    long closedDelivered;
    final long[] num = new long[RATES];
    final long[] den = new long[RATES];
    final Durations cycle;
    final Durations toShip;

    Counters(int exactLimit) {
        cycle = new Durations(exactLimit);
        toShip = new Durations(exactLimit);
    }

    void add(RateKpi kpi, boolean hit) {
        den[kpi.ordinal()]++;
        if (hit) {
            num[kpi.ordinal()]++;
        }
    }

    void add(RateKpi kpi, long numerator, long denominator) {
        num[kpi.ordinal()] += numerator;
        den[kpi.ordinal()] += denominator;
    }

    void merge(Counters other) {
        placed += other.placed;
        closed += other.closed;
        closedDelivered += other.closedDelivered;
        for (int i = 0; i < RATES; i++) {
            num[i] += other.num[i];
            den[i] += other.den[i];
        }
        cycle.merge(other.cycle);
        toShip.merge(other.toShip);
    }

    KpiGroup toGroup() {
        Map<RateKpi, Rate> rates = new EnumMap<>(RateKpi.class);
        for (RateKpi kpi : RateKpi.all()) {
            rates.put(kpi, new Rate(num[kpi.ordinal()], den[kpi.ordinal()]));
        }
        OptionalDouble index = product(rates, RateKpi.IN_FULL, RateKpi.ON_TIME_DELIVERY, RateKpi.DAMAGE_FREE,
                RateKpi.DOCUMENTATION_ACCURACY);
        return new KpiGroup(placed, closed, closedDelivered, rates, index, cycle.summary(), toShip.summary());
    }

    private static OptionalDouble product(Map<RateKpi, Rate> rates, RateKpi... kpis) {
        double p = 1;
        for (RateKpi kpi : kpis) {
            OptionalDouble v = rates.get(kpi).value();
            if (v.isEmpty()) {
                return OptionalDouble.empty();
            }
            p *= v.getAsDouble();
        }
        return OptionalDouble.of(p);
    }
}
