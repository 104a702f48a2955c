package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money: a {@code long} count of the currency's minor units (cents for USD) and a
 * {@link Currency}. Never a {@code double}.
 *
 * <p>An immutable value; thread-safe. Arithmetic refuses mixed currencies with
 * {@link OmsErrorCode#CURRENCY_MISMATCH} and overflow with {@link OmsErrorCode#INVALID_VALUE}.
 *
 * @param minorUnits the amount in minor units; may be negative (a balance owed back)
 * @param currency the currency
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {
    public Money {
        Checks.present(currency, "currency");
    }

    /** Zero in {@code currency}. */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** An amount in minor units. */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /** The longest decimal text {@link #parse} reads; any amount that fits a long of minor units is shorter. */
    public static final int MAX_DECIMAL_LENGTH = 64;

    /**
     * Parses a decimal amount such as {@code "35.19"}; refuses more fraction digits than the currency has, and texts
     * longer than {@value #MAX_DECIMAL_LENGTH} characters.
     */
    public static Money parse(String decimal, String currencyCode) {
        Currency currency = currency(currencyCode);
        if (Checks.present(decimal, "amount").length() > MAX_DECIMAL_LENGTH) {
            // BigDecimal's parsing time grows faster than the text: refuse long texts before parsing them
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount has " + decimal.length()
                    + " characters, at most " + MAX_DECIMAL_LENGTH + " allowed");
        }
        try {
            return of(new BigDecimal(Checks.present(decimal, "amount")), currency);
        } catch (NumberFormatException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount is not a decimal number: " + decimal, e);
        }
    }

    /** An exact decimal amount; refuses more fraction digits than the currency has. */
    public static Money of(BigDecimal amount, Currency currency) {
        Checks.present(amount, "amount");
        Checks.present(currency, "currency");
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        try {
            return new Money(amount.setScale(digits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "amount " + amount.toPlainString() + " does not fit " + currency + " minor units", e);
        }
    }

    private static Currency currency(String code) {
        Checks.present(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "unknown currency code: " + code, e);
        }
    }

    /** The sum; same currency only. */
    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(exact(() -> Math.addExact(minorUnits, other.minorUnits)), currency);
    }

    /** The difference; same currency only. */
    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(exact(() -> Math.subtractExact(minorUnits, other.minorUnits)), currency);
    }

    /** This amount times a whole number of units. */
    public Money times(long factor) {
        return new Money(exact(() -> Math.multiplyExact(minorUnits, factor)), currency);
    }

    /** The negated amount. */
    public Money negate() {
        return new Money(exact(() -> Math.negateExact(minorUnits)), currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    /** The amount as an exact decimal in major units. */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, Math.max(0, currency.getDefaultFractionDigits()));
    }

    /** Compares amounts of the same currency. */
    @Override
    public int compareTo(Money other) {
        sameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** Throws {@link OmsErrorCode#CURRENCY_MISMATCH} unless {@code other} has this currency. */
    public void sameCurrency(Money other) {
        Checks.present(other, "amount");
        if (!currency.equals(other.currency)) {
            throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH,
                    "cannot combine " + currency + " with " + other.currency);
        }
    }

    private interface LongOp {
        long apply();
    }

    private static long exact(LongOp op) {
        try {
            return op.apply();
        } catch (ArithmeticException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount overflows a long of minor units", e);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
