package io.omskit.examples.postgres;

import io.omskit.spi.port.OrderStore;
import io.omskit.spi.tck.OrderStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/** Runs the {@link OrderStore} contract kit, unchanged, against {@link PostgresOrderStore} on a real PostgreSQL. */
class PostgresOrderStoreCompatibilityTest extends OrderStoreCompatibilityKit {
    private static PostgresStores db;

    @Override
    protected OrderStore createStore() {
        synchronized (PostgresOrderStoreCompatibilityTest.class) {
            if (db == null) {
                db = PostgresStores.open(TestDatabase.newSchema("orders_kit", 10));
            }
            return db.orders();
        }
    }

    @AfterAll
    static void closePool() {
        synchronized (PostgresOrderStoreCompatibilityTest.class) {
            if (db != null) {
                db.close();
                db = null;
            }
        }
    }
}
