package io.omskit.core.memory;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.tck.InventoryStoreCompatibilityKit;

/**
 * Runs the {@link InventoryStore} contract kit against {@link InMemoryInventoryStore}, seeding stock with its
 * own {@link InMemoryInventoryStore#setOnHand} instead of the kit's default restock.
 */
class InMemoryInventoryStoreCompatibilityTest extends InventoryStoreCompatibilityKit {
    @Override
    protected InventoryStore createStore() {
        return new InMemoryInventoryStore();
    }

    @Override
    protected void stock(InventoryStore target, LocationId location, Sku sku, int onHand) {
        ((InMemoryInventoryStore) target).setOnHand(location, sku, onHand);
    }
}
