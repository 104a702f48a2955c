package io.omskit.core;

import io.omskit.spi.model.OrderSnapshot;
import java.util.Optional;

/**
 * A host's check on what a command does to an order, registered with
 * {@link OrderDecider.Builder#guardEntering(io.omskit.spi.model.OrderStatus, TransitionGuard)}: it sees the order
 * before and after the command and returns a reason to refuse, or empty to let the decision through. A refusal
 * becomes {@code Rejected(GUARD_REJECTED, reason)} and changes nothing.
 *
 * <p>Where a {@link Guard} sees commands, this sees effects: a guard entering {@code CANCELLED} runs for a
 * {@code CancelOrder} and for the {@code CancelLine} of an order's last open units alike, and one entering
 * {@code COMPLETED} for whatever command completes the order. It runs after every {@link Guard} accepted the command,
 * in registration order; the first refusal wins. Guard what the host decides (a cancellation, a confirmation), not
 * facts the engine records from a provider or a carrier (a payment answer, a delivery): a refused fact cannot be
 * recorded, and the engine reports it as a {@code GUARD_REJECTED} rejection. A guard must be pure and thread-safe
 * (the decider calls it from any thread); an exception it throws is not caught and reaches the caller of
 * {@code decide}.
 */
@FunctionalInterface
public interface TransitionGuard {
    /**
     * Checks a decision.
     *
     * @param before the order before the command, or null for a new order
     * @param command the command, accepted by the built-in rules and every command guard
     * @param after the order the command would make
     * @return a human-readable reason to refuse, or empty to allow
     */
    Optional<String> check(OrderSnapshot before, OrderCommand command, OrderSnapshot after);
}
