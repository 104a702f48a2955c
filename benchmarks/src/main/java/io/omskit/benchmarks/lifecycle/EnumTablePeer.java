package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.Stage;
import io.omskit.benchmarks.lifecycle.PeerModel.Step;

/**
 * The practical floor: a transition is one lookup in an enum table of legal (stage, event) pairs and a
 * new tiny immutable record. No quantities, no money, no events, no guards.
 *
 * <p>Stateless and thread-safe.
 */
final class EnumTablePeer {
    /** The whole state of an order in this floor implementation. */
    record Tiny(Stage stage, int version) {
    }

    private static final Stage[][] NEXT = new Stage[Step.values().length][Stage.values().length];

    static {
        for (Step step : PeerModel.STEPS) {
            NEXT[step.ordinal()][PeerModel.from(step).ordinal()] = PeerModel.to(step);
        }
    }

    private EnumTablePeer() {
    }

    static Tiny apply(Tiny order, Step step) {
        Stage next = NEXT[step.ordinal()][order.stage().ordinal()];
        if (next == null) {
            throw new IllegalStateException(step + " not allowed in " + order.stage());
        }
        return new Tiny(next, order.version() + 1);
    }

    /** Capture plus the eight events. */
    static Tiny lifecycle() {
        Tiny order = new Tiny(Stage.PLACED, 1);
        for (Step step : PeerModel.STEPS) {
            order = apply(order, step);
        }
        return order;
    }
}
