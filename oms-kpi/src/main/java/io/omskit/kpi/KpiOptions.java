package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;

import java.util.Set;

/**
 * Settings of the KPI calculators.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param withdrawReasons cancellation reasons that withdraw demand (on a line never backordered); any other
 *     reason, and any cancellation of a backordered line, is unmet demand
 * @param exactPercentileLimit up to this many durations a distribution keeps every value and its percentiles are
 *     exact; beyond it an HdrHistogram (3 significant digits) is used; at least 1
 */
public record KpiOptions(Set<String> withdrawReasons, int exactPercentileLimit) {
    /**
     * The default withdrawing reasons: {@code customer_request}, {@code fraud_suspected}, {@code payment_failed} (the
     * order-history format's words) and {@code payment_declined} (the word omskit's engine gives the units of an order
     * it rejects for a declined payment).
     */
    public static final Set<String> DEFAULT_WITHDRAW_REASONS = Set.of("customer_request", "fraud_suspected",
            "payment_failed", "payment_declined");

    /** The default exact-percentile limit, 2^21 = 2,097,152 values per distribution. */
    public static final int DEFAULT_EXACT_PERCENTILE_LIMIT = 1 << 21;

    public KpiOptions {
        withdrawReasons = Set.copyOf(Checks.present(withdrawReasons, "withdraw reasons"));
        if (exactPercentileLimit < 1) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "exact percentile limit must be at least 1, was " + exactPercentileLimit);
        }
    }

    /** The defaults. */
    public static KpiOptions defaults() {
        return new KpiOptions(DEFAULT_WITHDRAW_REASONS, DEFAULT_EXACT_PERCENTILE_LIMIT);
    }

    /** These options with another exact-percentile limit. */
    public KpiOptions withExactPercentileLimit(int limit) {
        return new KpiOptions(withdrawReasons, limit);
    }
}
