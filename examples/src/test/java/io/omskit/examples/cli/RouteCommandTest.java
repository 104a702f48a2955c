package io.omskit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RouteCommandTest {
    static final String REQUEST = "{\"strategy\":\"min_cost\",\"locations\":["
            + "{\"id\":\"DC-EAST\",\"lat\":40.71,\"lon\":-74.0,\"stock\":{\"SKU-1\":12},\"shipment_fixed_cost\":5.0},"
            + "{\"id\":\"STORE-1\",\"lat\":42.35,\"lon\":-71.05,\"stock\":{\"SKU-1\":1},\"shipment_fixed_cost\":1.0}],"
            + "\"order\":{\"lines\":[{\"sku\":\"SKU-1\",\"qty\":3}],\"destination\":{\"lat\":42.36,\"lon\":-71.06}},"
            + "\"cost_model\":{\"package_base\":2.0,\"package_per_km\":0.002}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** With stdin: the route command alone (args after "route"); without: the whole omskit command line. */
    private int run(String stdin, String... args) {
        CommandLine cl;
        if (stdin != null) {
            RouteCommand route = new RouteCommand();
            route.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
            cl = new CommandLine(route);
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        } else {
            cl = new CommandLine(new OmskitCli());
        }
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Nested
    class Plans {
        @Test
        void route_validFile_printsPlanAndExitsZero() throws Exception {
            Path f = dir.resolve("req.json");
            Files.writeString(f, REQUEST);
            assertThat(run(null, "route", f.toString())).isEqualTo(0);
            assertThat(out.toString()).contains("\"status\" : \"ok\"", "\"location\" : \"DC-EAST\"", "\"qty\" : 3");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void route_stdinDash_readsStandardInput() {
            assertThat(run(REQUEST, "route", "-")).isEqualTo(0);
            assertThat(out.toString()).contains("\"strategy\" : \"min_cost\"");
        }

        @Test
        void route_insufficientStock_isAValidPlanExitZero() {
            assertThat(run(REQUEST.replace("\"qty\":3", "\"qty\":300"), "route", "-")).isEqualTo(0);
            assertThat(out.toString()).contains("\"status\" : \"rejected\"", "INSUFFICIENT_STOCK");
        }
    }

    @Nested
    class BadInput {
        @Test
        void route_malformedJson_printsErrorAndExitsTwo() {
            assertThat(run("{\"strategy\":", "route", "-")).isEqualTo(2);
            assertThat(err.toString()).startsWith("error: MALFORMED_JSON: ");
            assertThat(out.toString()).isEmpty();
        }

        @Test
        void route_badValue_namesTheFieldAndExitsTwo() {
            assertThat(run(REQUEST.replace("\"SKU-1\":12", "\"SKU-1\":-12"), "route", "-")).isEqualTo(2);
            assertThat(err.toString()).startsWith("error: INVALID_QUANTITY: ").contains("locations[0].stock.SKU-1");
        }

        @Test
        void route_emptyOrder_printsRejectedPlanAndExitsTwo() {
            assertThat(run(REQUEST.replace("{\"sku\":\"SKU-1\",\"qty\":3}", ""), "route", "-")).isEqualTo(2);
            assertThat(out.toString()).contains("\"code\" : \"EMPTY_ORDER\"");
            assertThat(err.toString()).startsWith("error: EMPTY_ORDER: ");
        }

        @Test
        void route_missingFile_exitsTwo() {
            assertThat(run(null, "route", dir.resolve("nope.json").toString())).isEqualTo(2);
            assertThat(err.toString()).startsWith("error: MISSING_VALUE: no such file");
        }
    }
}
