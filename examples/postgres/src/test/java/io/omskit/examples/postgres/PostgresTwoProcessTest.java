package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.Sku;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engine processes (separate JVMs, {@link EngineWorkerMain}) drive orders on the same hot SKUs of one
 * database at the same time; the test then checks the database: nothing oversold, units conserved, no lost
 * update, every order consistent.
 */
class PostgresTwoProcessTest {
    private static final int ORDERS_PER_PROCESS = 80;

    @Test
    @DisplayName("two JVMs on one database and the same hot SKUs: no oversell, no lost update")
    void twoProcesses_sameHotSkus_noOversellNoLostUpdate(@TempDir Path tmp) throws Exception {
        PostgresConfig config = TestDatabase.newSchema("processes", 2);
        try (PostgresStores db = PostgresStores.open(config)) {
            for (int s = 0; s < EngineWorkerMain.TwoProcess.SKUS; s++) {
                for (LocationId at : List.of(Shop.EAST, Shop.WEST, Shop.STORE)) {
                    db.inventory().restock("seed-" + at + "-" + s, at, Sku.of(EngineWorkerMain.TwoProcess.sku(s)), 40);
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int p = 1; p <= 2; p++) {
                Path log = tmp.resolve("worker-" + p + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), EngineWorkerMain.class.getName(),
                        TestDatabase.url(), config.schema(), "P" + p, String.valueOf(ORDERS_PER_PROCESS), String.valueOf(p))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            for (int p = 0; p < processes.size(); p++) {
                Process process = processes.get(p);
                boolean finished = process.waitFor(100, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly();
                }
                String output = Files.readString(logs.get(p), StandardCharsets.UTF_8);
                assertThat(finished).as("worker %d finished in time; output:%n%s", p + 1, output).isTrue();
                assertThat(process.exitValue()).as("worker %d exit code; output:%n%s", p + 1, output).isZero();
                assertThat(output).contains("done " + ORDERS_PER_PROCESS + " orders, 0 failures");
            }
            List<OrderId> orders = new ArrayList<>();
            for (int p = 1; p <= 2; p++) {
                for (int i = 0; i < ORDERS_PER_PROCESS; i++) {
                    orders.add(OrderId.of(String.format(Locale.ROOT, "P%d-%05d", p, i)));
                }
            }
            Shop.assertDatabaseConsistent(db, orders);
            assertThat(db.audit().totals().consumed()).as("both processes shipped something").isPositive();
        }
    }
}
