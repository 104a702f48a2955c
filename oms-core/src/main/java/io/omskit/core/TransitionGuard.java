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
 * {@code CancelOrder} and for the {@code CancelLine} of an order's last open units alike. It runs only for the host's
 * own decisions: a command that records what a provider, a carrier or a warehouse reported (a payment answer, the
 * fraud screen, a delivery, a pickup, a loss, a received or inspected return) is never refused by it, whatever it
 * brings about, because the money has moved or the parcel has arrived all the same: an order confirmed or completed
 * by such a fact is confirmed or completed (a host that wants an order to wait places a hold, which keeps it from
 * confirming by itself). An exchange reopening a completed order does not count as entering {@code CONFIRMED}.
 * Transition guards run after every {@link Guard} accepted the command, in registration order; the first refusal
 * wins. A guard must be pure and thread-safe (the decider calls it from any thread); an exception it throws is not
 * caught and reaches the caller of {@code decide}.
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
