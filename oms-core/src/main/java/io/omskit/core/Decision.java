package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.OrderSnapshot;
import java.util.List;

/**
 * The outcome of {@code decide(snapshot, command)}: {@link Accepted} with the new snapshot and the events
 * that lead to it, or {@link Rejected} with a code and a message (and nothing changed).
 *
 * <p>Every implementation is an immutable record; thread-safe.
 */
public sealed interface Decision permits Decision.Accepted, Decision.Rejected {

    /** Whether the command was accepted. */
    boolean accepted();

    /**
     * The command was accepted.
     *
     * @param snapshot the order after the command; its version is the old version + 1
     * @param events what happened, all carrying the new version; at least one
     */
    record Accepted(OrderSnapshot snapshot, List<OrderEvent> events) implements Decision {
        // Explicit canonical constructor: the snapshot is stored before the checks (a decision that fails them is
        // never seen), so that, inlined into a caller that computed its arguments first, the store needs no GC write
        // barrier
        public Accepted(OrderSnapshot snapshot, List<OrderEvent> events) {
            this.snapshot = snapshot;
            Checks.present(snapshot, "snapshot");
            this.events = Checks.list(events, "events");
        }

        @Override
        public boolean accepted() {
            return true;
        }
    }

    /**
     * The command was refused; the order is unchanged.
     *
     * @param code why, as a stable code
     * @param message a message naming the bad value
     */
    record Rejected(OmsErrorCode code, String message) implements Decision {
        public Rejected {
            Checks.present(code, "code");
            Checks.present(message, "message");
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }
}
