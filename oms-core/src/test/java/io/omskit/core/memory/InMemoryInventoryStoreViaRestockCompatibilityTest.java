package io.omskit.core.memory;

import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.tck.InventoryStoreCompatibilityKit;

/** Runs the {@link InventoryStore} contract kit against {@link InMemoryInventoryStore} with the kit's default seeding (restock through the port). */
class InMemoryInventoryStoreViaRestockCompatibilityTest extends InventoryStoreCompatibilityKit {
    @Override
    protected InventoryStore createStore() {
        return new InMemoryInventoryStore();
    }
}
