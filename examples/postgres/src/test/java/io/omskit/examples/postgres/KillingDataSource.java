package io.omskit.examples.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A data source that kills the database session of its {@code failAt}-th connection checkout for real
 * ({@code pg_terminate_backend} from another connection), at a chosen moment of that connection's transaction.
 * Thread-safe.
 */
final class KillingDataSource implements DataSource {
    /** When the session dies. */
    enum Mode {
        /** Before the transaction's first statement. */
        BEFORE_FIRST_STATEMENT,
        /**
         * After the first statement: before the second one, or before the commit of a one-statement transaction
         * (a one-statement read in auto-commit mode: before it).
         */
        MID_TRANSACTION,
        /**
         * Right after the commit succeeded: the answer is lost (the caller sees a connection failure). A read in
         * auto-commit mode has no commit: it is killed before its statement.
         */
        AFTER_COMMIT
    }

    private final DataSource delegate;
    private final String killerUrl;
    private final int failAt;
    private final Mode mode;
    private final AtomicInteger checkouts = new AtomicInteger();
    private volatile boolean fired;

    KillingDataSource(DataSource delegate, String killerUrl, int failAt, Mode mode) {
        this.delegate = delegate;
        this.killerUrl = killerUrl;
        this.failAt = failAt;
        this.mode = mode;
    }

    int checkouts() {
        return checkouts.get();
    }

    boolean fired() {
        return fired;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = delegate.getConnection();
        if (checkouts.incrementAndGet() != failAt) {
            return c;
        }
        int pid = c.unwrap(PGConnection.class).getBackendPID();
        if (mode == Mode.BEFORE_FIRST_STATEMENT) {
            kill(pid);
            return c;
        }
        int[] statements = new int[1];
        boolean[] killed = new boolean[1];
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean read = name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]);
                    if (!killed[0] && (read || mode == Mode.MID_TRANSACTION
                            && (name.equals("prepareStatement") && ++statements[0] == 2 || name.equals("commit")))) {
                        killed[0] = true;
                        kill(pid);
                    }
                    Object result;
                    try {
                        result = method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (mode == Mode.AFTER_COMMIT && name.equals("commit") && !killed[0]) {
                        killed[0] = true;
                        kill(pid);
                        throw new SQLException("connection lost after commit (injected)", "08006");
                    }
                    return result;
                });
    }

    private void kill(int pid) throws SQLException {
        fired = true;
        try (Connection killer = DriverManager.getConnection(killerUrl);
             PreparedStatement ps = killer.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
            ps.setInt(1, pid);
            ps.execute();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("not used");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
