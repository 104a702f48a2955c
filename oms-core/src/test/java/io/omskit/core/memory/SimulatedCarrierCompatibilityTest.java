package io.omskit.core.memory;

import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.tck.CarrierGatewayCompatibilityKit;
import io.omskit.spi.tck.ManualClock;
import java.time.Duration;

/** Runs the {@link CarrierGateway} contract kit against {@link SimulatedCarrier}, with time travel and peers. */
class SimulatedCarrierCompatibilityTest extends CarrierGatewayCompatibilityKit {
    private final ManualClock clock = ManualClock.atDefaultStart();

    @Override
    protected CarrierGateway createCarrier() {
        return SimulatedCarrier.ofDefaults(clock);
    }

    @Override
    protected boolean canAdvanceTime() {
        return true;
    }

    @Override
    protected void advanceTime(Duration amount) {
        clock.advance(amount);
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected CarrierGateway createPeer(CarrierGateway first) {
        return ((SimulatedCarrier) first).peer();
    }
}
