package io.omskit.benchmarks.postgres;

import io.omskit.core.CommandRejectedException;
import io.omskit.core.EngineConfig;
import io.omskit.core.Oms;
import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.examples.postgres.EmbeddedPostgresServer;
import io.omskit.examples.postgres.PostgresConfig;
import io.omskit.examples.postgres.PostgresInventoryStore;
import io.omskit.examples.postgres.PostgresOrderStore;
import io.omskit.examples.postgres.PostgresStores;
import io.omskit.routing.Router;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.port.OrderStore;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Throughput of the engine on the PostgreSQL adapters beside the in-memory ones: whole order journeys per second
 * (place, verify, route, release, pick, pack, ship, deliver) with 1, 2 and 4 threads, and reservations per second
 * on one hot SKU, with {@code synchronous_commit} on (PostgreSQL's default: every commit waits for its WAL flush)
 * and off. Also counts JDBC statements and transactions per order and samples lock waits. A plain timed main,
 * not JMH: database throughput is dominated by round trips and fsync, not by JIT effects; each figure is measured
 * after a warm-up run on the same pool.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.omskit.benchmarks.postgres.PostgresThroughput [orders] [reservations]}
 * (defaults 400 orders per point and 3000 reservations per point). Starts an embedded PostgreSQL 14. Not
 * thread-safe; a program.
 */
public final class PostgresThroughput {
    private static final int SKUS = 100;
    private static final List<Location> LOCATIONS = List.of(
            new Location(LocationId.of("DC-EAST"), "east", LocationType.WAREHOUSE, new GeoPoint(40.5, -74.4), true, false,
                    true, 1, Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(LocationId.of("DC-CENTRAL"), "central", LocationType.WAREHOUSE, new GeoPoint(39.96, -83.0), true,
                    false, true, 2, Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(LocationId.of("DC-WEST"), "west", LocationType.WAREHOUSE, new GeoPoint(34.0, -117.6), true, false,
                    true, 3, Integer.MAX_VALUE, 0, 0.4, 3.0));
    private static final GeoPoint[] CUSTOMERS = {new GeoPoint(40.71, -74.0), new GeoPoint(41.88, -87.63),
        new GeoPoint(34.05, -118.24), new GeoPoint(29.76, -95.37)};

    private PostgresThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int reservations = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "cores %d, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<String> rows = new ArrayList<>();
        rows.add("| store | synchronous_commit | reads | threads | orders/s | statements/order | commits/order "
                + "| reservations/s (1 hot SKU) | avg sessions waiting on a lock |");
        rows.add("|---|---|---|---:|---:|---:|---:|---:|---:|");
        for (int threads : new int[] {1, 2, 4}) {
            double ops = memoryOrders(orders * 5, threads);
            double res = memoryReservations(reservations * 20, threads);
            rows.add(String.format(Locale.ROOT, "| in-memory | - | - | %d | %.0f | - | - | %.0f | - |", threads, ops, res));
            out.println(rows.get(rows.size() - 1));
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("max_connections", "100"))) {
            for (String commit : new String[] {"on", "off"}) {
                String url = server.jdbcUrl() + (commit.equals("off") ? "&options=-c%20synchronous_commit%3Doff" : "");
                for (int threads : new int[] {1, 2, 4}) {
                    String row = postgres(url, commit, threads, orders, reservations, false);
                    rows.add(row);
                    out.println(row);
                }
                // the A/B of the read path: one-statement reads in a transaction (statement + COMMIT/ROLLBACK, as
                // before) against auto-commit (one round trip), same server, same moment
                for (int threads : new int[] {1, 4}) {
                    String row = postgres(url, commit, threads, orders, reservations, true);
                    rows.add(row);
                    out.println(row);
                }
            }
        }
        out.println();
        rows.forEach(out::println);
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL

    private static String postgres(String url, String commit, int threads, int orders, int reservations,
                                   boolean readsInTransaction) throws Exception {
        PostgresConfig config = PostgresConfig.of(url)
                .withSchema("bench_" + commit + "_" + threads + (readsInTransaction ? "_tx" : ""))
                .withPoolSize(threads + 1);
        try (PostgresStores db = PostgresStores.open(config)) {
            Counting counting = new Counting(db.dataSource(), readsInTransaction);
            PostgresOrderStore orderStore = new PostgresOrderStore(counting);
            PostgresInventoryStore inventory = new PostgresInventoryStore(counting);
            seed(inventory);
            OrderService oms = engine(orderStore, inventory);
            drive(oms, "warm", Math.max(50, orders / 4), threads);
            counting.reset();
            double ops = drive(oms, "run", orders, threads);
            double statements = counting.statements.get() / (double) orders;
            double transactions = counting.commits.get() / (double) orders;
            Sku hot = Sku.of("HOT");
            inventory.restock("hot-seed", LOCATIONS.get(0).id(), hot, Integer.MAX_VALUE / 2);
            reserve(inventory, hot, "warm", reservations / 4, threads, null);
            AtomicLong samples = new AtomicLong();
            AtomicLong waiting = new AtomicLong();
            double res = reserve(inventory, hot, "run", reservations, threads, () -> {
                try (Connection c = db.dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    waiting.addAndGet(rs.getLong(1));
                    samples.incrementAndGet();
                    c.rollback();
                }
            });
            double avgWaiting = samples.get() == 0 ? 0 : waiting.get() / (double) samples.get();
            return String.format(Locale.ROOT, "| PostgreSQL 14 (embedded) | %s | %s | %d | %.0f | %.1f | %.1f | %.0f | %.2f |",
                    commit, readsInTransaction ? "in a transaction" : "auto-commit", threads, ops, statements,
                    transactions, res, avgWaiting);
        }
    }

    private static void seed(InventoryStore inventory) {
        for (Location l : LOCATIONS) {
            for (int s = 0; s < SKUS; s++) {
                inventory.restock("seed-" + l.id().value() + "-" + s, l.id(), sku(s), 1_000_000);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ in memory

    private static double memoryOrders(int orders, int threads) throws Exception {
        InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        seed(inventory);
        OrderService oms = engine(new InMemoryOrderStore(), inventory);
        drive(oms, "warm", orders, threads);
        return drive(oms, "run", orders, threads);
    }

    private static double memoryReservations(int reservations, int threads) throws Exception {
        InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        Sku hot = Sku.of("HOT");
        inventory.restock("hot-seed", LOCATIONS.get(0).id(), hot, Integer.MAX_VALUE / 2);
        reserve(inventory, hot, "warm", reservations, threads, null);
        return reserve(inventory, hot, "run", reservations, threads, null);
    }

    // ------------------------------------------------------------------------------------------ the work

    private static OrderService engine(OrderStore orders, InventoryStore inventory) {
        Clock clock = Clock.systemUTC();
        return Oms.builder().clock(clock).orders(orders).inventory(inventory)
                .locations(StaticLocationDirectory.of(LOCATIONS))
                .payments(new SimulatedPaymentGateway())
                .fraud(RuleBasedFraudScreener.builder().velocity(1_000_000, java.time.Duration.ofMinutes(1)).build())
                .carriers(SimulatedCarrier.ofDefaults(clock))
                .router(Router.standard())
                .config(EngineConfig.defaults().withRoutingStrategy("distance").withMaxAttempts(50))
                .build();
    }

    /** Drives {@code count} orders through the journey on {@code threads} threads; orders per second. */
    private static double drive(OrderService oms, String prefix, int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t * 7919L + prefix.hashCode();
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    journey(oms, order(prefix + "-" + threads + "-" + i, random));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private interface Sampler {
        void sample() throws SQLException;
    }

    /** {@code count} one-unit reservations of {@code hot} on {@code threads} threads; reservations per second. */
    private static double reserve(InventoryStore inventory, Sku hot, String prefix, int count, int threads,
                                  Sampler sampler) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        Future<?> sampling = pool.submit(() -> {
            while (sampler != null && !done.get()) {
                sampler.sample();
                Thread.sleep(5); // sampling interval, not a timing assumption
            }
            return null;
        });
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    inventory.reserve(prefix + "-" + threads + "-" + i, LOCATIONS.get(0).id(), Map.of(hot, 1));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.MINUTES);
        }
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        done.set(true);
        sampling.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        return perSecond;
    }

    private static PlaceOrder order(String id, SplittableRandom random) {
        int first = random.nextInt(SKUS);
        int second = (first + 1 + random.nextInt(SKUS - 1)) % SKUS;
        List<LineSpec> lines = List.of(
                new LineSpec(LineId.of(id + "-L1"), sku(first), 1 + random.nextInt(3), Money.ofMinor(1_999, "USD"),
                        Money.ofMinor(800, "USD")),
                new LineSpec(LineId.of(id + "-L2"), sku(second), 1 + random.nextInt(2), Money.ofMinor(4_999, "USD"),
                        Money.ofMinor(2_000, "USD")));
        Address to = Address.at("Customer", "US", CUSTOMERS[random.nextInt(CUSTOMERS.length)]);
        return new PlaceOrder(OrderId.of(id), Channel.of(ChannelType.WEB), "ext-" + id, null, null,
                java.util.Currency.getInstance("USD"), to, to, null, null, lines);
    }

    private static void journey(OrderService oms, PlaceOrder request) {
        OrderId id = request.orderId();
        oms.place(request);
        oms.verify(id);
        OrderSnapshot o = oms.route(id);
        for (Fulfillment f : o.fulfillments()) {
            if (f.status() != FulfillmentStatus.PLANNED) {
                continue;
            }
            try {
                oms.release(id, f.id());
                oms.pick(id, f.id(), List.of());
                oms.pack(id, f.id());
                oms.ship(id, f.id());
                oms.deliver(id, f.id(), false);
            } catch (CommandRejectedException e) {
                throw new IllegalStateException("order " + id + ": " + e.getMessage(), e);
            }
        }
    }

    private static Sku sku(int i) {
        return Sku.of(String.format(Locale.ROOT, "SKU-%03d", i));
    }

    /**
     * Counts statements prepared (a batch counts once) and commits on the connections it hands out; with
     * {@code readsInTransaction} it ignores the switch to auto-commit of one-statement reads, which then run in a
     * transaction that the pool ends with a rollback when the connection comes back (the round trips of a
     * statement + COMMIT read).
     */
    private static final class Counting extends DelegatingDataSource {
        final AtomicLong statements = new AtomicLong();
        final AtomicLong commits = new AtomicLong();
        private final boolean readsInTransaction;

        Counting(DataSource delegate, boolean readsInTransaction) {
            super(delegate);
            this.readsInTransaction = readsInTransaction;
        }

        void reset() {
            statements.set(0);
            commits.set(0);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            statements.incrementAndGet();
                        } else if (method.getName().equals("commit")) {
                            commits.incrementAndGet();
                        } else if (readsInTransaction && method.getName().equals("setAutoCommit")
                                && Boolean.TRUE.equals(args[0])) {
                            return null;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
