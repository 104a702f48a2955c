package io.omskit.examples.cli;

import io.omskit.examples.demo.DemoReportPrinter;
import io.omskit.examples.demo.DemoResult;
import io.omskit.examples.demo.DemoScenario;
import io.omskit.examples.postgres.PostgresDemoDatabase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code omskit demo}: a simulated omnichannel retailer's orders through the whole journey, then a summary.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a simulated retailer (3 warehouses, 6 stores, 4 channels) through the whole order journey.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--orders", defaultValue = "2000", description = "How many orders (default ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the run is deterministic for it (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--db", paramLabel = "embedded|JDBC-URL",
            description = "Persist the run in PostgreSQL: 'embedded' starts a throw-away server, or a JDBC URL "
                    + "with user and password (a new schema per run). Default: in memory.")
    String db;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (orders < 1) {
            spec.commandLine().getErr().println("error: INVALID_VALUE: --orders must be at least 1, was " + orders);
            return 2;
        }
        boolean terminal = System.console() != null;
        if (db != null) {
            return callOnDatabase(out);
        }
        long started = System.nanoTime();
        DemoResult result = new DemoScenario(orders, seed).run(done -> {
            if (terminal) {
                out.print("\rorders processed: " + done + "/" + orders);
                if (done == orders) {
                    out.println();
                }
            } else {
                out.println("orders processed: " + done + "/" + orders);
            }
            out.flush();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        new DemoReportPrinter(out).print(result, seed, seconds);
        out.flush();
        return result.consistent() ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------- --db (PostgreSQL)

    /** The same run on PostgreSQL, then the conservation check read back from the database. */
    private int callOnDatabase(PrintWriter out) {
        try (PostgresDemoDatabase database = PostgresDemoDatabase.open(db)) {
            out.println("database: " + database.where());
            out.flush();
            long started = System.nanoTime();
            DemoResult result = new DemoScenario(orders, seed, database.orders(), database.inventory())
                    .run(done -> {
                        out.println("orders processed: " + done + "/" + orders);
                        out.flush();
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            new DemoReportPrinter(out).print(result, seed, seconds);
            PostgresDemoDatabase.Check check = database.check();
            out.println();
            out.println("Conservation, read back from PostgreSQL: " + (check.ok() ? "OK" : "FAILED"));
            check.lines().forEach(line -> out.println("  " + line));
            out.flush();
            return result.consistent() && check.ok() ? 0 : 1;
        } catch (io.omskit.spi.OmsException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
    }
}
