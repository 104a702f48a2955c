package io.omskit.examples.postgres;

import io.omskit.spi.port.OrderStore;
import io.omskit.spi.tck.OrderStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the {@link OrderStore} contract kit, unchanged, against {@link PostgresOrderStore} on a real PostgreSQL;
 * peers are a second {@link PostgresStores} (its own pool) on the same schema, as a second server opens.
 */
class PostgresOrderStoreCompatibilityTest extends OrderStoreCompatibilityKit {
    private static PostgresStores db;
    /** A second server's stores: its own pool on the same schema. */
    private static PostgresStores peerDb;

    @Override
    protected OrderStore createStore() {
        synchronized (PostgresOrderStoreCompatibilityTest.class) {
            if (db == null) {
                db = PostgresStores.open(TestDatabase.newSchema("orders_kit", 10));
            }
            return db.orders();
        }
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected OrderStore createPeer(OrderStore first) {
        synchronized (PostgresOrderStoreCompatibilityTest.class) {
            if (peerDb == null) {
                peerDb = PostgresStores.open(db.config());
            }
            return peerDb.orders();
        }
    }

    @AfterAll
    static void closePool() {
        synchronized (PostgresOrderStoreCompatibilityTest.class) {
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
