package io.omskit.examples.postgres;

import io.omskit.core.OrderService;
import io.omskit.spi.OmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate engine process for {@link PostgresTwoProcessTest}: opens its own pool on the given database and
 * schema, drives {@code count} orders named {@code <prefix>-00000...} on the hot SKUs with 2 threads, checks its
 * own payment simulator (captured at most authorized) and exits 0, or 1 after printing what failed.
 *
 * <p>Arguments: JDBC URL, schema, order id prefix, order count, random seed.
 */
public final class EngineWorkerMain {
    private EngineWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String schema = args[1];
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        Shop shop = new Shop();
        int failures = 0;
        try (PostgresStores db = PostgresStores.open(PostgresConfig.of(url).withSchema(schema).withPoolSize(3))) {
            OrderService oms = shop.engine(db.orders(), db.inventory());
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long threadSeed = seed * 17 + t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(threadSeed);
                    int failed = 0;
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        int first = random.nextInt(TwoProcess.SKUS);
                        int second = (first + 1 + random.nextInt(TwoProcess.SKUS - 1)) % TwoProcess.SKUS;
                        String id = String.format(Locale.ROOT, "%s-%05d", prefix, i);
                        try {
                            Shop.drive(oms, Shop.order(id, TwoProcess.sku(first), 1 + random.nextInt(3),
                                    TwoProcess.sku(second), 1 + random.nextInt(2)));
                        } catch (OmsException e) {
                            System.out.println("order " + id + " failed: " + e);
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            pool.shutdown();
            if (!pool.awaitTermination(80, TimeUnit.SECONDS)) {
                System.out.println("timed out");
                System.exit(1);
            }
            for (Future<Integer> f : futures) {
                failures += f.get();
            }
        }
        var money = shop.payments.totals(Shop.USD);
        if (money.captured().compareTo(money.authorized()) > 0) {
            System.out.println("captured " + money.captured() + " > authorized " + money.authorized());
            failures++;
        }
        System.out.println("done " + count + " orders, " + failures + " failures");
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The shared parameters of the two-process run. */
    static final class TwoProcess {
        static final int SKUS = 3;

        private TwoProcess() {
        }

        static String sku(int i) {
            return "PROC-HOT-" + i;
        }
    }
}
