package io.omskit.spi.model;

import java.util.List;

/**
 * The result of a fraud screen.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param decision accept, review or reject
 * @param score the screener's risk score, 0 (safe) to 100 (certain fraud)
 * @param reasons short machine-readable reasons, such as {@code amount_over_limit}; never personal data
 */
public record FraudAssessment(FraudDecision decision, int score, List<String> reasons) {
    public FraudAssessment {
        Checks.present(decision, "fraud decision");
        if (score < 0 || score > 100) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "fraud score out of [0, 100]: " + score);
        }
        reasons = Checks.list(reasons, "fraud reasons");
    }
}
