package io.omskit.spi.tck;

import io.omskit.spi.model.Money;
import io.omskit.spi.port.PaymentOutcome;
import java.util.HashMap;
import java.util.Map;

/**
 * A payment provider's ledger for the kits' own tests: authorizations, captures, voids and refunds with their limits
 * (R4.2-R4.4), no idempotency. Not thread-safe: the provider that owns it holds a lock around each call.
 */
final class ProviderLedger {
    /** Authorization reference to {authorized, captured, voided (1 or 0)}. */
    final Map<String, long[]> auths = new HashMap<>();
    /** Capture reference to {captured, refunded}. */
    private final Map<String, long[]> caps = new HashMap<>();
    private long sequence;

    private String next(String kind) {
        return kind + "-" + ++sequence;
    }

    PaymentOutcome authorize(Money amount) {
        String ref = next("auth");
        auths.put(ref, new long[] {amount.minorUnits(), 0, 0});
        return PaymentOutcome.approved(ref, amount);
    }

    PaymentOutcome capture(String authorizationReference, Money amount) {
        long[] a = auths.get(authorizationReference);
        String ref = next("cap");
        if (a == null || a[2] == 1 || a[0] - a[1] < amount.minorUnits()) {
            return PaymentOutcome.declined(ref, amount, "limit");
        }
        a[1] += amount.minorUnits();
        caps.put(ref, new long[] {amount.minorUnits(), 0});
        return PaymentOutcome.approved(ref, amount);
    }

    PaymentOutcome voidAuthorization(String authorizationReference) {
        long[] a = auths.get(authorizationReference);
        String ref = next("void");
        if (a == null || a[2] == 1 || a[0] == a[1]) {
            return PaymentOutcome.declined(ref, Money.zero(Fixtures.USD), "nothing to void");
        }
        a[2] = 1;
        return PaymentOutcome.approved(ref, new Money(a[0] - a[1], Fixtures.USD));
    }

    PaymentOutcome refund(String captureReference, Money amount) {
        long[] c = caps.get(captureReference);
        String ref = next("ref");
        if (c == null || c[0] - c[1] < amount.minorUnits()) {
            return PaymentOutcome.declined(ref, amount, "limit");
        }
        c[1] += amount.minorUnits();
        return PaymentOutcome.approved(ref, amount);
    }
}
