package io.omskit.core.memory;

import io.omskit.spi.port.OrderStore;
import io.omskit.spi.tck.OrderStoreCompatibilityKit;

/** Runs the {@link OrderStore} contract kit against {@link InMemoryOrderStore}. */
class InMemoryOrderStoreCompatibilityTest extends OrderStoreCompatibilityKit {
    @Override
    protected OrderStore createStore() {
        return new InMemoryOrderStore();
    }
}
