package io.omskit.spi.event;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/** Checks of the fields every event has. Stateless; thread-safe. */
final class EventChecks {
    private EventChecks() {
    }

    static void common(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt) {
        Checks.present(eventId, "event id");
        Checks.present(orderId, "order id");
        if (orderVersion < 1) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "event order version must be at least 1, was " + orderVersion);
        }
        Checks.present(occurredAt, "occurred at");
    }

    /** A payment event's amount: present and not negative, as the ledger's transactions require. */
    static Money amount(Money amount) {
        Checks.present(amount, "amount");
        if (amount.isNegative()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount must not be negative: " + amount);
        }
        return amount;
    }
}
