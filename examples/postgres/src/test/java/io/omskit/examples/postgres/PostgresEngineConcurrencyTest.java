package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.CommandRejectedException;
import io.omskit.core.OrderService;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several engine instances on one database: 3 {@code OrderService}s, each with its own connection pool, driven by
 * 2 threads each, plus a canceller on a fourth instance, on 4 hot SKUs with too little stock for every order.
 * Then, read back from the database: nothing oversold, units conserved, no lost update, every order consistent.
 */
class PostgresEngineConcurrencyTest {
    private static final int INSTANCES = 3;
    private static final int THREADS_PER_INSTANCE = 2;
    private static final int ORDERS = 360;
    private static final int SKUS = 4;

    @Test
    @DisplayName("3 engine instances with their own pools and a canceller on hot SKUs: no oversell, no lost update")
    void threeInstances_hotSkus_noOversellNoLostUpdate() throws Exception {
        PostgresConfig config = TestDatabase.newSchema("engines", 4);
        Shop shop = new Shop();
        List<PostgresStores> pools = new ArrayList<>();
        try {
            for (int i = 0; i <= INSTANCES; i++) {
                pools.add(PostgresStores.open(config));
            }
            PostgresStores seed = pools.get(0);
            for (int s = 0; s < SKUS; s++) {
                stock(seed, Shop.EAST, s, 90);
                stock(seed, Shop.WEST, s, 60);
                stock(seed, Shop.STORE, s, 20);
            }
            List<OrderService> engines = new ArrayList<>();
            for (PostgresStores p : pools) {
                engines.add(shop.engine(p.orders(), p.inventory()));
            }
            ConcurrentLinkedQueue<OrderId> placed = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger acceptedCancels = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * THREADS_PER_INSTANCE + 1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < INSTANCES * THREADS_PER_INSTANCE; w++) {
                OrderService oms = engines.get(w % INSTANCES);
                long seed0 = w * 31L + 7;
                futures.add(pool.submit(() -> {
                    await(start);
                    SplittableRandom random = new SplittableRandom(seed0);
                    int i;
                    while ((i = next.getAndIncrement()) < ORDERS) {
                        String id = String.format(Locale.ROOT, "M-%05d", i);
                        int first = random.nextInt(SKUS);
                        int second = (first + 1 + random.nextInt(SKUS - 1)) % SKUS;
                        try {
                            placed.add(OrderId.of(id));
                            Shop.drive(oms, Shop.order(id, sku(first), 1 + random.nextInt(3), sku(second),
                                    1 + random.nextInt(2)));
                        } catch (OmsException e) {
                            failures.add(e); // no provider fails in this test: any engine error is a bug
                        }
                    }
                }));
            }
            OrderService canceller = engines.get(INSTANCES);
            futures.add(pool.submit(() -> {
                await(start);
                SplittableRandom random = new SplittableRandom(99);
                while (next.get() < ORDERS) {
                    OrderId target = OrderId.of(String.format(Locale.ROOT, "M-%05d",
                            Math.max(0, next.get() - 1 - random.nextInt(4))));
                    try {
                        OrderSnapshot o = canceller.find(target).orElse(null);
                        if (o != null) {
                            canceller.cancelLine(target, o.lines().get(0).id(), 1, Initiator.CUSTOMER, "customer_request");
                            acceptedCancels.incrementAndGet();
                        }
                    } catch (CommandRejectedException e) {
                        // nothing left to cancel on that line
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).as("finished in time").isTrue();
            for (Future<?> f : futures) {
                f.get(1, TimeUnit.SECONDS);
            }
            assertThat(failures).as("unexpected failures").isEmpty();
            assertThat(placed).hasSize(ORDERS);
            assertThat(acceptedCancels.get()).as("the canceller raced the workers and won sometimes").isPositive();

            Shop.assertDatabaseConsistent(seed, placed);
            var money = shop.payments.totals(Shop.USD);
            assertThat(money.captured().compareTo(money.authorized())).as("captured <= authorized").isLessThanOrEqualTo(0);
        } finally {
            pools.forEach(PostgresStores::close);
        }
    }

    private static void stock(PostgresStores db, LocationId at, int sku, int units) {
        db.inventory().restock("seed-" + at + "-" + sku, at, Sku.of(sku(sku)), units);
    }

    static String sku(int i) {
        return "HOT-" + i;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
