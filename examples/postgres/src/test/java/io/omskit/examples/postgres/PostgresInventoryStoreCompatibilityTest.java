package io.omskit.examples.postgres;

import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.tck.InventoryStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the {@link InventoryStore} contract kit, unchanged, against {@link PostgresInventoryStore} on a real
 * PostgreSQL; stock is seeded through the port's own restock (the kit's default).
 */
class PostgresInventoryStoreCompatibilityTest extends InventoryStoreCompatibilityKit {
    private static PostgresStores db;

    @Override
    protected InventoryStore createStore() {
        synchronized (PostgresInventoryStoreCompatibilityTest.class) {
            if (db == null) {
                db = PostgresStores.open(TestDatabase.newSchema("inventory_kit", 10));
            }
            return db.inventory();
        }
    }

    @AfterAll
    static void closePool() {
        synchronized (PostgresInventoryStoreCompatibilityTest.class) {
            if (db != null) {
                db.close();
                db = null;
            }
        }
    }
}
