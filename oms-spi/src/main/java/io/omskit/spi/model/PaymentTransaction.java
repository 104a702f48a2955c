package io.omskit.spi.model;

import java.time.Instant;

/**
 * One entry of an order's payment ledger. The ledger is the truth; payment status and balance are derived
 * from it.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param type the kind of entry
 * @param amount a non-negative amount in the order's currency
 * @param providerReference the provider's reference, unique per entry; repeated entries are recognised by it
 * @param succeeded false for a declined authorization (kept for the record; it moves no money)
 * @param at when it happened
 */
public record PaymentTransaction(TransactionType type, Money amount, String providerReference, boolean succeeded,
                                 Instant at) {
    // Explicit canonical constructor: the components kept as given are stored before the checks (a value that
    // fails them is never seen), so that, inlined into a caller that computed its arguments first, these stores
    // follow the allocation and need no GC write barrier; the checks run in the order of a compact constructor
    public PaymentTransaction(TransactionType type, Money amount, String providerReference, boolean succeeded,
                              Instant at) {
        this.type = type;
        this.amount = amount;
        this.providerReference = providerReference;
        this.succeeded = succeeded;
        this.at = at;
        Checks.present(type, "transaction type");
        Checks.present(amount, "transaction amount");
        if (amount.isNegative()) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "transaction amount must not be negative: " + amount);
        }
        Checks.id(providerReference, "provider reference");
        Checks.present(at, "transaction time");
    }
}
