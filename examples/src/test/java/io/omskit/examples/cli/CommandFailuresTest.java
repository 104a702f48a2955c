package io.omskit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Input the command line cannot read and output it cannot write: an exit status and a message, never a stack trace
 * or a silent success. Found by a review; each test failed before its fix.
 */
class CommandFailuresTest {
    @TempDir
    Path dir;

    /** Standard output that fails (a closed pipe, a full disk: {@code omskit route req.json > /dev/full}). */
    static final class Broken extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void route_standardOutputFails_exitsNonZero() {
        RouteCommand route = new RouteCommand();
        route.stdin = new ByteArrayInputStream(RouteCommandTest.REQUEST.getBytes(StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(route);
        cl.setOut(new PrintWriter(new Broken(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("-");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("cannot write the plan");
    }

    @Test
    void kpi_historyIsADirectory_exitsTwoWithoutAStackTrace() {
        CommandLine cl = new CommandLine(new OmskitCli());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("kpi", "--history", dir.toString(), "--zone", "UTC", "--from", "2026-01-01",
                "--to", "2026-02-01", "--as-of", "2026-03-01T00:00:00Z");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void kpi_historyNotUtf8_exitsTwoWithoutAStackTrace() throws IOException {
        Path hist = dir.resolve("orders.jsonl");
        Files.write(hist, new byte[] {'{', (byte) 0xff, '}', '\n'});
        CommandLine cl = new CommandLine(new OmskitCli());
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("kpi", "--history", hist.toString(), "--zone", "UTC", "--from", "2026-01-01",
                "--to", "2026-02-01", "--as-of", "2026-03-01T00:00:00Z");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).startsWith("INVALID_VALUE").doesNotContain("\tat ");
    }
}
