package io.omskit.core;

import io.omskit.spi.model.OrderSnapshot;
import java.util.Optional;

/**
 * A host's check on a command, registered with {@link OrderDecider.Builder#guard(Guard)}: it returns a reason
 * to refuse, or empty to let the command through. A refusal becomes {@code Rejected(GUARD_REJECTED, reason)}
 * and changes nothing.
 *
 * <p>Guards run only for commands the built-in rules accept, in registration order; the first refusal wins.
 * They see the order as it was before the command ({@code null} for {@link OrderCommand.Place}). A guard must
 * be pure and thread-safe (the decider calls it from any thread); an exception it throws is not caught and
 * reaches the caller of {@code decide}.
 */
@FunctionalInterface
public interface Guard {
    /**
     * Checks a command.
     *
     * @param snapshot the order before the command, or null for a new order
     * @param command the command, already accepted by the built-in rules
     * @return a human-readable reason to refuse, or empty to allow
     */
    Optional<String> check(OrderSnapshot snapshot, OrderCommand command);
}
