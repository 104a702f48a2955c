package io.omskit.examples.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL adapters wired together: a HikariCP pool, the schema migrated by Flyway
 * ({@code db/migration/V1__omskit.sql}), a {@link PostgresOrderStore}, a {@link PostgresInventoryStore} and a
 * {@link PostgresAudit} on it. Open one per process (or per engine instance) with {@link #open}; close it at the
 * end. Thread-safe.
 *
 * <pre>{@code
 * try (PostgresStores db = PostgresStores.open(PostgresConfig.of("jdbc:postgresql://db/shop?user=oms&password=..."))) {
 *     OrderService oms = Oms.builder().orders(db.orders()).inventory(db.inventory())...build();
 * }
 * }</pre>
 */
public final class PostgresStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PostgresConfig config;
    private final HikariDataSource dataSource;
    private final PostgresOrderStore orders;
    private final PostgresInventoryStore inventory;
    private final PostgresAudit audit;

    private PostgresStores(PostgresConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.orders = new PostgresOrderStore(dataSource);
        this.inventory = new PostgresInventoryStore(dataSource);
        this.audit = new PostgresAudit(dataSource);
    }

    /**
     * Opens a pool on {@code config}, creates the schema if needed and migrates it to the latest version.
     *
     * @throws ProviderException {@code PROVIDER_ERROR} if the database cannot be reached or migrated
     */
    public static PostgresStores open(PostgresConfig config) {
        Objects.requireNonNull(config, "config");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hc.setUsername(config.user());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        // the driver sets search_path when it connects (Hikari's setSchema runs inside the first transaction
        // of a connection whose auto-commit is off, and a rollback would undo it)
        hc.addDataSourceProperty("currentSchema", config.schema());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setAutoCommit(false);
        // the stores' SQL is written for READ COMMITTED (conditional updates that re-read the row they wait for);
        // a database whose default is stricter would abort contended reservations with serialization failures
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hc.setConnectionTimeout(10_000);
        String poolName = "omskit-pg-" + POOLS.incrementAndGet();
        hc.setPoolName(poolName);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", poolName);
        // keep parameter values (personal data in snapshots) out of driver exception messages and logs
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "cannot connect to " + config, e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .schemas(config.schema())
                    .defaultSchema(config.schema())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            ds.close();
            throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "cannot migrate schema " + config.schema(), e);
        }
        LOG.info("omskit PostgreSQL stores ready: {}", config);
        return new PostgresStores(config, ds);
    }

    /** The order store. */
    public PostgresOrderStore orders() {
        return orders;
    }

    /** The inventory store. */
    public PostgresInventoryStore inventory() {
        return inventory;
    }

    /** Read-only checks over the stored data (totals, conservation). */
    public PostgresAudit audit() {
        return audit;
    }

    /** The pooled data source (for a host's own queries, or tests). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The pool's name, also the {@code application_name} of its database sessions. */
    public String poolName() {
        return dataSource.getPoolName();
    }

    /** The configuration it was opened with. */
    public PostgresConfig config() {
        return config;
    }

    /** Closes the pool. */
    @Override
    public void close() {
        dataSource.close();
    }
}
