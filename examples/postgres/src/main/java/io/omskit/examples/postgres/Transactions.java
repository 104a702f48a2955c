package io.omskit.examples.postgres;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.ProviderException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in one JDBC transaction each: commit on success, rollback on any failure, a few retries
 * when PostgreSQL aborts the transaction for a deadlock or a serialization failure, and every
 * {@link SQLException} translated into an {@link OmsException}. Thread-safe (stateless besides the data source).
 */
final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final int MAX_ATTEMPTS = 5;

    /** A unit of work on a connection whose auto-commit is off. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Runs {@code work} in a transaction. {@code what} names the operation in errors and logs (an order id or
     * a reservation id, never personal data).
     */
    <T> T run(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (retryable(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug("{}: transaction aborted ({}), retrying", what, e.getSQLState());
                    backOff(what, attempt, e);
                    continue;
                }
                throw translate(what, e);
            }
        }
    }

    /**
     * Waits a random 0 to 2^attempt - 1 milliseconds before the next attempt, so that transactions that aborted each
     * other (a deadlock) do not meet again at once. An interrupt ends the retries with the abort's error.
     */
    private void backOff(String what, int attempt, SQLException cause) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 << attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(interrupted);
            throw translate(what, cause);
        }
    }

    /**
     * Runs a read of one statement in auto-commit mode: one round trip, no {@code COMMIT} (a consistent read of
     * several statements uses {@link #run}).
     */
    <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // the pool restores auto-commit off when the connection comes back
            return work.run(c);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (c.getAutoCommit()) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    /**
     * The {@link OmsException} for a database failure: a lost connection, a shutdown, a timeout or an
     * exhausted pool is a {@link ProviderException} (the host may retry or resume the order); a value the
     * database cannot hold is an {@link OmsValidationException}.
     */
    static OmsException translate(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException && state.isEmpty()) {
            return new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT,
                    what + ": no database connection available in time", e);
        }
        if (state.equals("57014")) {
            return new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT, what + ": database statement timed out", e);
        }
        if (state.equals("22003")) {
            return new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    what + ": a quantity does not fit the database column (" + state + ")", e);
        }
        if (state.equals("23505")) {
            return new OmsValidationException(OmsErrorCode.DUPLICATE_ID,
                    what + ": an id that must be unique is already stored (an event id used twice?)", e);
        }
        if (state.equals("22P05") || state.equals("22021") || state.equals("54000")) {
            return new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    what + ": a value the database cannot store (" + state + ")", e);
        }
        // 08xxx connection failures, 57P0x server shutdown or terminated backend, 53xxx resources, and anything
        // unexpected: the database as a provider failed; the call may be repeated (every operation is idempotent)
        return new ProviderException(OmsErrorCode.PROVIDER_ERROR,
                what + ": database failure (SQLState " + (state.isEmpty() ? "none" : state) + ")", e);
    }
}
