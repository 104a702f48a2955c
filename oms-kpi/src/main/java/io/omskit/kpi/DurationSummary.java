package io.omskit.kpi;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The distribution of a duration in whole elapsed seconds: count, sum, mean, min, nearest-rank percentiles and max.
 *
 * <p>An immutable value; thread-safe. Percentiles use the nearest-rank rule {@code sorted[ceil(p * n) - 1]}.
 * When {@link #exact()} is true they are exact; otherwise (more values than
 * {@link KpiOptions#exactPercentileLimit()}) they come from an HdrHistogram with 3 significant digits and are the
 * highest value equivalent to the exact one: never below it, and at most 0.1% above it. Count, sum, mean, min and
 * max are always exact. All optionals are empty when {@code count} is 0.
 *
 * @param count how many orders
 * @param sum the sum of the durations, seconds
 * @param mean {@code sum / count}
 * @param min the shortest
 * @param p50 the median (nearest rank)
 * @param p90 the 90th percentile (nearest rank)
 * @param p95 the 95th percentile (nearest rank)
 * @param p99 the 99th percentile (nearest rank)
 * @param max the longest
 * @param exact whether the percentiles are exact
 * @param excludedNegative durations below zero (timestamps out of causal order) left out of the distribution
 */
public record DurationSummary(long count, long sum, OptionalDouble mean, OptionalLong min, OptionalLong p50,
        OptionalLong p90, OptionalLong p95, OptionalLong p99, OptionalLong max, boolean exact, long excludedNegative) {
    public DurationSummary {
        if (count < 0 || excludedNegative < 0) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "duration counts must not be negative, were " + count + " and " + excludedNegative);
        }
        io.omskit.spi.model.Checks.present(mean, "mean");
        io.omskit.spi.model.Checks.present(min, "min");
        io.omskit.spi.model.Checks.present(p50, "p50");
        io.omskit.spi.model.Checks.present(p90, "p90");
        io.omskit.spi.model.Checks.present(p95, "p95");
        io.omskit.spi.model.Checks.present(p99, "p99");
        io.omskit.spi.model.Checks.present(max, "max");
    }
}
