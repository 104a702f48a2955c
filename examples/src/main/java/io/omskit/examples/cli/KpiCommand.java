package io.omskit.examples.cli;

import io.omskit.kpi.BadRecordPolicy;
import io.omskit.kpi.ImportProblem;
import io.omskit.kpi.ImportResult;
import io.omskit.kpi.InventorySnapshot;
import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiReport;
import io.omskit.kpi.KpiReports;
import io.omskit.kpi.KpiWindow;
import io.omskit.kpi.OrderHistoryImporter;
import io.omskit.spi.OmsException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code omskit kpi}: reads order history (and inventory snapshots) and prints the KPI report of one window.
 *
 * <p>Not thread-safe; one instance per invocation. Exit status 0 on success, 2 on bad arguments or bad input (the
 * message, starting with its error code, goes to standard error), 1 when the report cannot be written to standard
 * output or on an unexpected failure.
 */
@Command(name = "kpi", mixinStandardHelpOptions = true,
        description = "Prints the KPI report of order history (formats/order-history.md) for one window.")
public final class KpiCommand implements Callable<Integer> {
    private static final int BAD_INPUT = 2;
    private static final int OUTPUT_FAILED = 1;
    private static final int MAX_PROBLEMS_SHOWN = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--history", paramLabel = "FILE", description = "orders.jsonl, one order a line")
    Path history;

    @Option(names = "--inventory", paramLabel = "FILE", description = "inventory_snapshots.jsonl (optional)")
    Path inventory;

    @Option(names = "--zone", paramLabel = "ZONE", description = "business time zone, such as America/New_York")
    String zone;

    @Option(names = "--from", paramLabel = "DATE", description = "first local date of the window")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "first local date after the window")
    String to;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "cutoff: events after it are ignored")
    String asOf;

    @Option(names = "--on-bad-record", paramLabel = "skip|fail", defaultValue = "skip",
            description = "skip bad records (listed on stderr) or fail; default ${DEFAULT-VALUE}")
    String onBadRecord;

    @Option(names = "--currency", paramLabel = "CODE",
            description = "currency of the snapshots' unit costs; default: the first order's currency")
    String currency;

    @Option(names = "--format", paramLabel = "json|table", defaultValue = "json",
            description = "json (default) or a text table")
    String format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path historyFile = required(history, "--history");
            ZoneId zoneId = parse("--zone", required(zone, "--zone"), ZoneId::of);
            LocalDate start = parse("--from", required(from, "--from"), LocalDate::parse);
            LocalDate end = parse("--to", required(to, "--to"), LocalDate::parse);
            Instant cutoff = parse("--as-of", required(asOf, "--as-of"), Instant::parse);
            BadRecordPolicy policy = choice("--on-bad-record", onBadRecord, BadRecordPolicy.class);
            boolean table = "table".equals(oneOf("--format", format, "json", "table"));
            KpiWindow window = new KpiWindow(zoneId, start, end);
            OrderHistoryImporter importer = OrderHistoryImporter.create(policy);
            KpiAccumulator acc = KpiAccumulator.create(cutoff);
            List<ImportProblem> problems = new ArrayList<>();
            String[] firstCurrency = {null};
            long records;
            try (Reader in = Files.newBufferedReader(readable(historyFile, "--history"), StandardCharsets.UTF_8)) {
                records = importer.readOrders(in, e -> {
                    if (firstCurrency[0] == null && e instanceof OrderPlaced) {
                        firstCurrency[0] = ((OrderPlaced) e).currency().getCurrencyCode();
                    }
                    acc.accept(e);
                }, problems);
            }
            report(err, "--history", records, problems);
            if (inventory != null) {
                String code = currency != null ? currency : firstCurrency[0] != null ? firstCurrency[0] : "USD";
                try (Reader in = Files.newBufferedReader(readable(inventory, "--inventory"), StandardCharsets.UTF_8)) {
                    ImportResult<InventorySnapshot> snaps = importer.readSnapshots(in, code);
                    acc.acceptSnapshots(snaps.items());
                    report(err, "--inventory", snaps.records(), snaps.problems());
                }
            }
            KpiReport report = acc.report(window);
            if (table) {
                out.print(KpiReports.toTable(report, 8));
            } else {
                KpiReports.writeJson(report, out);
            }
            out.flush();
            if (out.checkError()) { // a PrintWriter swallows write errors (a full disk, a closed pipe)
                err.println("error: cannot write the report to standard output");
                err.flush();
                return OUTPUT_FAILED;
            }
            return 0;
        } catch (BadArgument e) {
            err.println(e.getMessage());
            err.println("Try 'omskit kpi --help'.");
            err.flush();
            return BAD_INPUT;
        } catch (OmsException e) {
            err.println(e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("INVALID_VALUE: cannot read input: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            // the importer reads lazily: a directory, or bytes that are not UTF-8, fail while it reads
            err.println("INVALID_VALUE: cannot read input: " + e.getCause().getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private static void report(PrintWriter err, String what, long records, List<ImportProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        err.printf(Locale.ROOT, "%s: %d of %d records skipped%n", what, problems.size(), records);
        problems.stream().limit(MAX_PROBLEMS_SHOWN).forEach(p -> err.println("  " + p));
        if (problems.size() > MAX_PROBLEMS_SHOWN) {
            err.printf(Locale.ROOT, "  ... and %d more%n", problems.size() - MAX_PROBLEMS_SHOWN);
        }
        err.flush();
    }

    /** A bad command-line argument; its message starts with the error code. */
    private static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String message) {
            super(message);
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T required(T value, String option) {
        if (value == null) {
            throw new BadArgument("MISSING_VALUE: " + option + " is required");
        }
        return value;
    }

    private static <T> T parse(String option, String text, Parser<T> parser) {
        try {
            return parser.parse(text);
        } catch (DateTimeException e) {
            throw new BadArgument("INVALID_VALUE: " + option + " '" + text + "' is not valid: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(String option, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new BadArgument("INVALID_VALUE: " + option + " must be skip or fail, was '" + text + "'");
    }

    private static String oneOf(String option, String text, String... allowed) {
        for (String a : allowed) {
            if (a.equals(text)) {
                return a;
            }
        }
        throw new BadArgument("INVALID_VALUE: " + option + " must be one of " + String.join(", ", allowed)
                + ", was '" + text + "'");
    }

    private static Path readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new BadArgument("INVALID_VALUE: " + option + " " + file + " is not a readable file");
        }
        return file;
    }
}
