package io.omskit.examples.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one PostgreSQL server of a test JVM: the server named by environment variable {@code OMSKIT_PG_URL} (a JDBC
 * URL with user and password), else an {@link EmbeddedPostgresServer} started on first use and stopped when the
 * JVM exits. Each test class works in its own fresh schema. Thread-safe.
 */
final class TestDatabase {
    /** Environment variable pointing the tests at an external server. */
    static final String URL_VARIABLE = "OMSKIT_PG_URL";

    private static String url;

    private TestDatabase() {
    }

    /** The JDBC URL of the server, starting the embedded one if needed. */
    static synchronized String url() {
        if (url == null) {
            String external = System.getenv(URL_VARIABLE);
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                // durability is not under test: fsync off keeps the suite fast on a small machine
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("fsync", "off"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
                url = server.jdbcUrl();
            }
        }
        return url;
    }

    /** A configuration on a new schema named after {@code prefix}. */
    static PostgresConfig newSchema(String prefix, int poolSize) {
        String schema = prefix.toLowerCase(Locale.ROOT) + "_"
                + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
        return PostgresConfig.of(url()).withSchema(schema).withPoolSize(poolSize);
    }
}
