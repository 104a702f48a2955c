package io.omskit.examples.postgres;

import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.StockLevel;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The database behind {@code omskit demo --db}: an embedded PostgreSQL server ({@code embedded}; its data is
 * deleted on {@link #close()}) or a given server (a JDBC URL), with a new schema per run so that nothing existing is
 * touched; and the demo's conservation check read back from the tables. Not thread-safe; one per demo run.
 */
public final class PostgresDemoDatabase implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    /**
     * The outcome of the conservation check.
     *
     * <p>An immutable value; thread-safe.
     *
     * @param ok whether every check passed
     * @param lines the report, one line each
     */
    public record Check(boolean ok, List<String> lines) {
        public Check {
            lines = List.copyOf(lines);
        }
    }

    private final EmbeddedPostgresServer server;
    private final PostgresStores stores;
    private final String where;

    private PostgresDemoDatabase(EmbeddedPostgresServer server, PostgresStores stores, String where) {
        this.server = server;
        this.stores = stores;
        this.where = where;
    }

    /**
     * Opens the demo's database: {@code "embedded"} starts a server (with {@code synchronous_commit=off}: its data
     * is thrown away at the end anyway), anything else is a JDBC URL with credentials. The schema is
     * {@code omskit_demo_<UTC time>}, new for each run.
     */
    public static PostgresDemoDatabase open(String option) {
        Objects.requireNonNull(option, "option");
        String schema = "omskit_demo_" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
        if (option.equalsIgnoreCase("embedded")) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("synchronous_commit", "off"));
            try {
                PostgresStores stores = PostgresStores.open(PostgresConfig.of(server.jdbcUrl()).withSchema(schema));
                return new PostgresDemoDatabase(server, stores, "embedded PostgreSQL on 127.0.0.1:" + server.port()
                        + ", schema " + schema + " (deleted at exit)");
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        PostgresStores stores = PostgresStores.open(PostgresConfig.of(option).withSchema(schema));
        return new PostgresDemoDatabase(null, stores, stores.config() + " (kept)");
    }

    /** The order store. */
    public OrderStore orders() {
        return stores.orders();
    }

    /** The inventory store. */
    public InventoryStore inventory() {
        return stores.inventory();
    }

    /** Where the data is, for the summary (no credentials). */
    public String where() {
        return where;
    }

    /**
     * The conservation check, read back from the database: per SKU, the units put in by restock operations
     * (initial stock, replenishment, restocked returns; table {@code inventory_operations}) equal the units on
     * hand (table {@code inventory}) plus the units shipped or picked up (table {@code order_events}); nothing is
     * reserved beyond what is on hand.
     */
    public Check check() {
        PostgresAudit audit = stores.audit();
        Map<Sku, Long> in = audit.restockedBySku();
        Map<Sku, StockLevel> stock = audit.stockBySku();
        Map<Sku, Long> shipped = audit.shippedBySku();
        PostgresAudit.Totals totals = audit.totals();
        List<String> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        long putIn = 0;
        long onHand = 0;
        long out = 0;
        TreeSet<Sku> skus = new TreeSet<>(in.keySet());
        skus.addAll(stock.keySet());
        skus.addAll(shipped.keySet());
        for (Sku sku : skus) {
            long i = in.getOrDefault(sku, 0L);
            long h = stock.containsKey(sku) ? stock.get(sku).onHand() : 0;
            long s = shipped.getOrDefault(sku, 0L);
            putIn += i;
            onHand += h;
            out += s;
            if (i != h + s) {
                wrong.add(sku + ": put in " + i + " != on hand " + h + " + shipped " + s);
            }
        }
        boolean ok = wrong.isEmpty() && totals.oversoldRows() == 0 && totals.conserved();
        lines.add("database: " + where);
        lines.add("read back: " + audit.orderCount() + " orders, " + audit.eventCount() + " events");
        lines.add(String.format(Locale.ROOT, "per SKU (%d SKUs): put in %d = on hand %d (table inventory) + shipped %d "
                + "(table order_events): %s", skus.size(), putIn, onHand, out, wrong.isEmpty() ? "OK" : "MISMATCH"));
        lines.add(String.format(Locale.ROOT, "reserved %d of %d on hand, rows oversold %d: %s", totals.reserved(),
                totals.onHand(), totals.oversoldRows(), totals.oversoldRows() == 0 ? "OK" : "OVERSOLD"));
        lines.addAll(wrong.subList(0, Math.min(10, wrong.size())));
        return new Check(ok, lines);
    }

    /** Closes the pool and stops an embedded server (deleting its data). */
    @Override
    public void close() {
        try {
            stores.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
