package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.tck.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two store instances on one schema (two application servers) with real threads: mixed reservations, saves, failing
 * calls, an atomic save, ids that only an unpaired surrogate tells apart, and a database whose default isolation is
 * SERIALIZABLE. Found by a review; the surrogate and isolation tests failed before their fixes.
 */
class PostgresSharedDatabaseTest {
    private static PostgresStores a;
    private static PostgresStores b;

    @BeforeAll
    static void open() {
        PostgresConfig config = TestDatabase.newSchema("shared", 4);
        a = PostgresStores.open(config);
        b = PostgresStores.open(config);
    }

    @AfterAll
    static void close() {
        a.close();
        b.close();
    }

    private static <T> List<Object> race(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = task.apply(i);
                fs.add(pool.submit(() -> {
                    start.await(20, TimeUnit.SECONDS);
                    return c.call();
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<T> f : fs) {
                try {
                    out.add(f.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoServers_mixedReserveReleaseConsume_neverOversellAndBooksBalance() throws Exception {
        LocationId loc = Fixtures.newLocation();
        Sku x = Sku.of(Fixtures.unique("X"));
        Sku y = Sku.of(Fixtures.unique("Y"));
        a.inventory().restock(Fixtures.unique("seed"), loc, x, 10);
        b.inventory().restock(Fixtures.unique("seed"), loc, y, 10);
        int n = 16;
        List<Object> out = race(n, i -> () -> {
            PostgresStores s = i % 2 == 0 ? a : b;
            String rid = "r-" + loc.value() + "-" + (i / 2); // pairs of threads repeat the same reservation id
            ReservationResult r = s.inventory().reserve(rid, loc, Map.of(x, 1, y, 1));
            if (r.reserved() && (i / 2) % 2 == 0) {
                s.inventory().consume("c-" + rid, rid, Map.of(x, 1, y, 1)); // both of the pair: same op id
            } else if (r.reserved()) {
                s.inventory().release("l-" + rid, rid, Map.of(y, 1));
            }
            return r.reserved();
        });
        for (Object o : out) {
            assertThat(o).as("outcome").isInstanceOf(Boolean.class);
        }
        StockLevel sx = a.inventory().level(loc, x);
        StockLevel sy = b.inventory().level(loc, y);
        assertThat(sx.reserved()).isLessThanOrEqualTo(sx.onHand());
        assertThat(sy.reserved()).isLessThanOrEqualTo(sy.onHand());
        // 8 distinct reservations of 1+1, all fit; consumes/releases happened exactly once per id
        // 8 reservations of x and y: 4 consumed (once each), 4 released y only
        assertThat(sx).as("x").isEqualTo(new StockLevel(6, 4));
        assertThat(sy).as("y").isEqualTo(new StockLevel(6, 0));
    }

    @Test
    void twoServers_concurrentSavesSameVersion_exactlyOneWins() throws Exception {
        OrderSnapshot v1 = Fixtures.placedOrder(Fixtures.newOrderId());
        a.orders().save(v1, 0, List.of(Fixtures.orderPlaced(v1)));
        List<Object> out = race(8, i -> () -> {
            OrderSnapshot v2 = Fixtures.nextVersion(v1, i);
            (i % 2 == 0 ? a : b).orders().save(v2, 1, List.of(Fixtures.confirmed(v2, i)));
            return "ok";
        });
        assertThat(out.stream().filter("ok"::equals).count()).isEqualTo(1);
        assertThat(out.stream().filter(o -> o instanceof StaleOrderException).count()).isEqualTo(7);
        assertThat(a.orders().events(v1.id())).hasSize(2);
    }

    @Test
    void failingCalls_leakNoConnection() {
        for (int i = 0; i < 30; i++) {
            String rid = Fixtures.unique("nope");
            assertThatThrownBy(() -> a.inventory().release(Fixtures.unique("op"), rid, Map.of(Sku.of("s"), 1)))
                    .isInstanceOf(InventoryException.class);
            OrderSnapshot v = Fixtures.placedOrder(Fixtures.newOrderId());
            assertThatThrownBy(() -> a.orders().save(Fixtures.nextVersion(v, 1), 1, List.of()))
                    .isInstanceOf(OmsException.class);
        }
        assertThat(((HikariDataSource) a.dataSource()).getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @Test
    void saveWithDuplicateEventId_storesNeitherSnapshotNorEvents() {
        OrderSnapshot v1 = Fixtures.placedOrder(Fixtures.newOrderId());
        a.orders().save(v1, 0, List.of(Fixtures.orderPlaced(v1)));
        OrderSnapshot v2 = Fixtures.nextVersion(v1, 1);
        io.omskit.spi.event.OrderEvent e = Fixtures.confirmed(v2, 1);
        // the same event id twice in one save: the second insert violates the unique event id
        assertThatThrownBy(() -> b.orders().save(v2, 1, List.of(e, e))).isInstanceOf(OmsException.class);
        assertThat(a.orders().load(v1.id())).contains(v1);
        assertThat(a.orders().events(v1.id())).hasSize(1);
    }

    @Test
    void skuWithAnUnpairedSurrogate_isRefused_andTheSkuItWouldBecomeIsUntouched() {
        LocationId loc = Fixtures.newLocation();
        Sku real = Sku.of("SKU?" + loc.value());
        a.inventory().restock(Fixtures.unique("seed"), loc, real, 5);
        // UTF-8 stores a lone surrogate as '?': such an id would be the real SKU's row, so no id may hold one
        assertThatThrownBy(() -> b.inventory().reserve(Fixtures.unique("res"), loc,
                Map.of(Sku.of("SKU\uD800" + loc.value()), 5)))
                .isInstanceOf(OmsException.class)
                .extracting(e -> ((OmsException) e).code()).isEqualTo(io.omskit.spi.OmsErrorCode.INVALID_VALUE);
        assertThat(a.inventory().level(loc, real)).isEqualTo(new StockLevel(5, 0));
    }

    @Test
    void serializableDatabase_contendedReservations_allAnsweredNoProviderError() throws Exception {
        PostgresConfig base = TestDatabase.newSchema("serializable", 8);
        String url = base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?")
                + "options=-c%20default_transaction_isolation%3Dserializable";
        PostgresConfig ser = new PostgresConfig(url, null, null, base.schema(), 8);
        try (PostgresStores s1 = PostgresStores.open(ser); PostgresStores s2 = PostgresStores.open(ser)) {
            LocationId loc = Fixtures.newLocation();
            Sku x = Sku.of(Fixtures.unique("X"));
            s1.inventory().restock(Fixtures.unique("seed"), loc, x, 100);
            List<Object> out = race(16, i -> () -> (i % 2 == 0 ? s1 : s2).inventory()
                    .reserve("ser-" + loc.value() + "-" + i, loc, Map.of(x, 1)).reserved());
            List<Object> errors = out.stream().filter(o -> !(o instanceof Boolean)).toList();
            assertThat(errors).as("errors under SERIALIZABLE").isEmpty();
            assertThat(s1.inventory().level(loc, x)).isEqualTo(new StockLevel(100, 16));
        }
    }
}
