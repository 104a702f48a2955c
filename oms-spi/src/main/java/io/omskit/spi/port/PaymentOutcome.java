package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;

/**
 * What a payment provider answered: approved with its reference, or declined with a reason.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param approved whether the operation went through
 * @param providerReference the provider's reference of this operation (also of a decline)
 * @param amount the amount concerned
 * @param declineReason for a decline, a short reason without card data; else null
 */
public record PaymentOutcome(boolean approved, String providerReference, Money amount, String declineReason) {
    public PaymentOutcome {
        Checks.id(providerReference, "provider reference");
        Checks.present(amount, "amount");
    }

    public static PaymentOutcome approved(String providerReference, Money amount) {
        return new PaymentOutcome(true, providerReference, amount, null);
    }

    public static PaymentOutcome declined(String providerReference, Money amount, String reason) {
        return new PaymentOutcome(false, providerReference, amount, reason);
    }
}
