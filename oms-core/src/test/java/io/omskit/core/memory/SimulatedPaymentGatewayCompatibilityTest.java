package io.omskit.core.memory;

import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.tck.PaymentGatewayCompatibilityKit;

/**
 * Runs the {@link PaymentGateway} contract kit against {@link SimulatedPaymentGateway}, lost responses and peers
 * included.
 */
class SimulatedPaymentGatewayCompatibilityTest extends PaymentGatewayCompatibilityKit {
    @Override
    protected PaymentGateway createGateway() {
        return new SimulatedPaymentGateway();
    }

    @Override
    protected boolean supportsLostResponses() {
        return true;
    }

    @Override
    protected void loseNextResponse(PaymentGateway target, String idempotencyKey) {
        ((SimulatedPaymentGateway) target).failFirstAttempts(idempotencyKey, 1,
                SimulatedPaymentGateway.Failure.TIMEOUT_AFTER_APPLYING);
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected PaymentGateway createPeer(PaymentGateway first) {
        return ((SimulatedPaymentGateway) first).peer();
    }
}
