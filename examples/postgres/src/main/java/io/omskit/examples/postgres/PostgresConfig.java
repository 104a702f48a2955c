package io.omskit.examples.postgres;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.util.regex.Pattern;

/**
 * Where and how {@link PostgresStores} connects: a JDBC URL (it may carry {@code user} and {@code password}
 * parameters), optional credentials, the schema holding omskit's tables (created and migrated on open) and the
 * connection pool size.
 *
 * <p>An immutable value; thread-safe. {@link #toString()} hides the password.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://...} URL
 * @param user the user, or null when the URL names it
 * @param password the password, or null when the URL carries it or none is needed
 * @param schema the schema of omskit's tables: letters, digits and underscores, starting with a letter
 * @param poolSize the most connections the pool opens, at least 1
 */
public record PostgresConfig(String jdbcUrl, String user, String password, String schema, int poolSize) {
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public PostgresConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new OmsValidationException(OmsErrorCode.CONFIGURATION,
                    "the JDBC URL must start with jdbc:postgresql:, was " + (jdbcUrl == null ? "null" : "another scheme"));
        }
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new OmsValidationException(OmsErrorCode.CONFIGURATION,
                    "schema must be lower-case letters, digits and underscores starting with a letter, was " + schema);
        }
        if (poolSize < 1) {
            throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "pool size must be at least 1, was " + poolSize);
        }
    }

    /** A configuration with credentials in the URL (or none needed), schema {@code omskit}, a pool of 8. */
    public static PostgresConfig of(String jdbcUrl) {
        return new PostgresConfig(jdbcUrl, null, null, "omskit", 8);
    }

    /** The same with another schema. */
    public PostgresConfig withSchema(String newSchema) {
        return new PostgresConfig(jdbcUrl, user, password, newSchema, poolSize);
    }

    /** The same with another pool size. */
    public PostgresConfig withPoolSize(int newPoolSize) {
        return new PostgresConfig(jdbcUrl, user, password, schema, newPoolSize);
    }

    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        return "PostgresConfig[" + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...") + ", user=" + user
                + ", schema=" + schema + ", poolSize=" + poolSize + "]";
    }
}
