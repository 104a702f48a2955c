package io.omskit.core.memory;

import io.omskit.spi.port.OrderStore;
import io.omskit.spi.tck.OrderStoreCompatibilityKit;

/** Runs the {@link OrderStore} contract kit against {@link InMemoryOrderStore}. */
class InMemoryOrderStoreCompatibilityTest extends OrderStoreCompatibilityKit {
    @Override
    protected OrderStore createStore() {
        return new InMemoryOrderStore();
    }

    /** One in-memory store seen through two objects, as two servers of one JVM would share it. */
    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected OrderStore createPeer(OrderStore first) {
        return PeerView.of(OrderStore.class, first);
    }
}
