package io.omskit.examples.cli;

import io.omskit.routing.Router;
import io.omskit.routing.RoutingJson;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code omskit route FILE}: reads a routing request ({@code formats/routing.md}; {@code -} reads standard input)
 * and prints the plan as JSON.
 *
 * <p>Not thread-safe; one instance per invocation. Exit status: 0 for a plan (including a rejection for
 * {@code INSUFFICIENT_STOCK}, which is a valid answer); 2 for bad input: unreadable file, malformed JSON or bad
 * values ({@code error: CODE: message} on standard error), or a request the router rejects as invalid (such as
 * {@code EMPTY_ORDER} or {@code UNKNOWN_STRATEGY}: the rejected plan is still printed on standard output); 1 when
 * the plan cannot be written to standard output.
 */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Routes one order: a routing request (JSON) in, the plan (JSON) out.")
public final class RouteCommand implements Callable<Integer> {
    private static final int BAD_INPUT = 2;
    private static final int OUTPUT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the request file, or - for standard input")
    String file;

    /** Standard input, replaceable in tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RoutingRequest request;
        try {
            if ("-".equals(file)) {
                request = RoutingJson.readRequest(stdin);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    request = RoutingJson.readRequest(in);
                }
            }
        } catch (OmsException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("error: " + OmsErrorCode.MISSING_VALUE + ": no such file: " + file);
            err.flush();
            return BAD_INPUT;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            err.println("error: " + OmsErrorCode.INVALID_VALUE + ": cannot read " + file + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        RoutingPlan plan = Router.standard().route(request);
        out.println(RoutingJson.write(plan));
        out.flush();
        if (out.checkError()) { // a PrintWriter swallows write errors (a full disk, a closed pipe)
            err.println("error: cannot write the plan to standard output");
            err.flush();
            return OUTPUT_FAILED;
        }
        if (plan.status() == PlanStatus.REJECTED && plan.error() != null
                && plan.error().code() != OmsErrorCode.INSUFFICIENT_STOCK) {
            err.println("error: " + plan.error().code() + ": " + plan.error().message());
            err.flush();
            return BAD_INPUT;
        }
        return 0;
    }
}
