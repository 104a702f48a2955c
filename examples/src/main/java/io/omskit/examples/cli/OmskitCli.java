package io.omskit.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code omskit} command line: one executable jar with the demo, the router and the KPI report.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "omskit", mixinStandardHelpOptions = true, version = "omskit 0.1.0-SNAPSHOT",
        description = "Order management you embed: state machines, routing, KPIs.",
        subcommands = {
            // one line per subcommand; each is owned by its own file
            DemoCommand.class,
            KpiCommand.class,
            RouteCommand.class,
        })
public final class OmskitCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit status (0 ok, 2 bad input, 1 failure). */
    public static int execute(String... args) {
        return new CommandLine(new OmskitCli()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
