package io.omskit.examples.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCommandTest {
    private static final String ORDER = "{\"order_id\":\"ORD-1\",\"channel\":\"web\","
            + "\"placed_at\":\"2024-03-04T15:20:11-05:00\",\"promised_by\":\"2024-03-09T04:59:59Z\",\"currency\":\"USD\","
            + "\"lines\":[{\"line_id\":\"L1\",\"sku\":\"SKU-7\",\"qty_ordered\":2,\"unit_price\":35.19,\"unit_cost\":13.90}],"
            + "\"shipments\":[{\"shipment_id\":\"S1\",\"location\":\"DC-EAST\",\"shipped_at\":\"2024-03-05T10:00:00Z\","
            + "\"delivered_at\":\"2024-03-07T10:00:00Z\",\"damaged\":false,\"documentation_ok\":true,"
            + "\"lines\":[{\"line_id\":\"L1\",\"sku\":\"SKU-7\",\"qty\":2}]}]}";
    private static final String SNAPSHOT = "{\"sku\":\"SKU-7\",\"location\":\"DC-EAST\",\"date\":\"2024-02-29\","
            + "\"on_hand\":41,\"unit_cost\":13.90}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new OmskitCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Nested
    class Success {
        @Test
        void kpi_historyAndInventory_printsJsonReport() throws IOException {
            Path h = file("orders.jsonl", ORDER);
            Path i = file("inv.jsonl", SNAPSHOT);
            int code = run("kpi", "--history", h.toString(), "--inventory", i.toString(), "--zone", "America/New_York",
                    "--from", "2024-03-01", "--to", "2024-04-01", "--as-of", "2024-04-20T00:00:00Z");
            assertThat(code).isZero();
            assertThat(out.toString()).contains("\"perfect_order_rate\"").contains("\"tz\" : \"America/New_York\"")
                    .contains("\"stocked_locations\" : [ \"DC-EAST\" ]")
                    // 2 units x 13.90
                    .contains("\"cogs_shipped\" : 27.80");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void kpi_badRecordSkipped_listedOnStderr() throws IOException {
            Path h = file("orders.jsonl", ORDER, "{oops");
            int code = run("kpi", "--history", h.toString(), "--zone", "UTC", "--from", "2024-03-01", "--to",
                    "2024-04-01", "--as-of", "2024-04-20T00:00:00Z", "--format", "table");
            assertThat(code).isZero();
            assertThat(err.toString()).contains("1 of 2 records skipped").contains("line 2: MALFORMED_JSON");
            assertThat(out.toString()).contains("perfect_order_rate").contains("100.0% (1/1)");
        }
    }

    @Nested
    class BadArguments {
        @Test
        void kpi_unknownZone_exit2WithCode() throws IOException {
            Path h = file("orders.jsonl", ORDER);
            int code = run("kpi", "--history", h.toString(), "--zone", "Mars/Olympus", "--from", "2024-03-01",
                    "--to", "2024-04-01", "--as-of", "2024-04-20T00:00:00Z");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("INVALID_VALUE: --zone 'Mars/Olympus'");
            assertThat(out.toString()).isEmpty();
        }

        @Test
        void kpi_missingHistory_exit2() {
            int code = run("kpi", "--zone", "UTC", "--from", "2024-03-01", "--to", "2024-04-01", "--as-of",
                    "2024-04-20T00:00:00Z");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("MISSING_VALUE: --history is required");
        }

        @Test
        void kpi_windowEndBeforeStart_exit2() throws IOException {
            Path h = file("orders.jsonl", ORDER);
            int code = run("kpi", "--history", h.toString(), "--zone", "UTC", "--from", "2024-04-01", "--to",
                    "2024-03-01", "--as-of", "2024-04-20T00:00:00Z");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("INVALID_VALUE: window end");
        }

        @Test
        void kpi_badRecordWithFail_exit2NamingTheLine() throws IOException {
            Path h = file("orders.jsonl", ORDER, "{oops");
            int code = run("kpi", "--history", h.toString(), "--zone", "UTC", "--from", "2024-03-01", "--to",
                    "2024-04-01", "--as-of", "2024-04-20T00:00:00Z", "--on-bad-record", "fail");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("MALFORMED_JSON: line 2");
        }

        @Test
        void kpi_unreadableFile_exit2() {
            int code = run("kpi", "--history", dir.resolve("nope.jsonl").toString(), "--zone", "UTC", "--from",
                    "2024-03-01", "--to", "2024-04-01", "--as-of", "2024-04-20T00:00:00Z");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("INVALID_VALUE: --history");
        }
    }
}
