package io.omskit.spi.port;

import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.OrderSnapshot;

/**
 * Screens orders for fraud: accept, review (a hold) or reject, with a score and reasons.
 *
 * <p>Implementations must be thread-safe. A provider failure is a {@link io.omskit.spi.ProviderException}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R5.1</b> the same order (id and version) screened twice gets the same decision.</li>
 *   <li><b>R5.2</b> reasons are short machine-readable words, never personal data.</li>
 * </ul>
 */
public interface FraudScreener {

    /** R5.1, R5.2 */
    FraudAssessment screen(OrderSnapshot order);
}
