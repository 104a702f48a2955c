package io.omskit.core.memory;

import io.omskit.spi.port.FraudScreener;
import io.omskit.spi.tck.Fixtures;
import io.omskit.spi.tck.FraudScreenerCompatibilityKit;
import java.time.Duration;

/** Runs the {@link FraudScreener} contract kit against {@link RuleBasedFraudScreener} with every rule on. */
class RuleBasedFraudScreenerCompatibilityTest extends FraudScreenerCompatibilityKit {
    @Override
    protected FraudScreener createScreener() {
        return RuleBasedFraudScreener.builder()
                .reviewAbove(Fixtures.usd(50_000))
                .rejectAbove(Fixtures.usd(5_000_000))
                .velocity(2, Duration.ofHours(1))
                .build();
    }
}
