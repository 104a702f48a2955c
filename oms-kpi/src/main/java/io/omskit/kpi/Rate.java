package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;

import java.util.OptionalDouble;

/**
 * A ratio of two counts, {@code num / den}, kept as the counts so that rates of shards, channels and days can be
 * added (ratio of sums, never the average of rates).
 *
 * <p>An immutable value; thread-safe. {@link #value()} is empty when {@code den} is 0: the library does not invent
 * a number for an empty population.
 *
 * @param num the numerator, at least 0
 * @param den the denominator, at least 0
 */
public record Rate(long num, long den) {
    public Rate {
        if (num < 0 || den < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "rate counts must not be negative, were " + num + "/" + den);
        }
    }

    /** {@code num / den}, or empty when {@code den} is 0. */
    public OptionalDouble value() {
        return den == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) num / den);
    }

    /** The sum of both rates' counts. */
    public Rate plus(Rate other) {
        return new Rate(num + other.num, den + other.den);
    }
}
