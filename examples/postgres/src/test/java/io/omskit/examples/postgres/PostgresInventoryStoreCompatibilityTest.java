package io.omskit.examples.postgres;

import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.tck.InventoryStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the {@link InventoryStore} contract kit, unchanged, against {@link PostgresInventoryStore} on a real
 * PostgreSQL; stock is seeded through the port's own restock (the kit's default); peers are a second
 * {@link PostgresStores} (its own pool) on the same schema, as a second server opens.
 */
class PostgresInventoryStoreCompatibilityTest extends InventoryStoreCompatibilityKit {
    private static PostgresStores db;
    /** A second server's stores: its own pool on the same schema. */
    private static PostgresStores peerDb;

    @Override
    protected InventoryStore createStore() {
        synchronized (PostgresInventoryStoreCompatibilityTest.class) {
            if (db == null) {
                db = PostgresStores.open(TestDatabase.newSchema("inventory_kit", 10));
            }
            return db.inventory();
        }
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected InventoryStore createPeer(InventoryStore first) {
        synchronized (PostgresInventoryStoreCompatibilityTest.class) {
            if (peerDb == null) {
                peerDb = PostgresStores.open(db.config());
            }
            return peerDb.inventory();
        }
    }

    @AfterAll
    static void closePool() {
        synchronized (PostgresInventoryStoreCompatibilityTest.class) {
            if (db != null) {
                db.close();
                db = null;
            }
            if (peerDb != null) {
                peerDb.close();
                peerDb = null;
            }
        }
    }
}
