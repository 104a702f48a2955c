package io.omskit.core.memory;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated payment provider: a ledger of authorizations, captures, voids and refunds in memory, with
 * deterministic rules for declines and for provider failures. <b>Not durable</b>, moves no real money. For
 * tests, demos and as a reference for adapter authors; it passes {@code PaymentGatewayCompatibilityKit}.
 * Thread-safe.
 *
 * <p>Calls with one idempotency key are serialized (each runs inside a {@code compute} on its key, in a
 * concurrent map of eight stripes, which holds the key's attempts and first outcome; calls whose keys fall in one stripe,
 * an eighth of them, run one at a time, others in parallel), and those
 * that change one authorization or one capture hold that record's monitor for the change, so the ledger's
 * limits hold under any interleaving. The totals per currency change under one small lock, so
 * {@link #totals} is a consistent view. Rules may be added while calls run (they are copy-on-write lists).
 *
 * <p>Behaviour:
 * <ul>
 *   <li>every call is idempotent by its key (R4.1): the first outcome is stored and a repeat returns it and
 *       moves nothing; a key reused for a different call (other operation, reference or amount) throws
 *       {@link OmsValidationException} {@code INVALID_VALUE};</li>
 *   <li>captures take at most what is authorized and neither captured nor voided (R4.2); refunds at most what
 *       is captured and not refunded (R4.3); a void releases what is left (R4.4); unknown references are
 *       declined (R4.6); amounts must be positive and of the authorization's currency (R4.5);</li>
 *   <li>authorizations are declined ({@code card_declined}, or the rule's reason) by {@link #declineWhen} and
 *       {@link #declineAmountsEndingIn} rules;</li>
 *   <li>{@link #failFirstAttempts} rules make the first attempts of matching keys throw a
 *       {@link ProviderException}, either before applying (nothing happened) or after applying (the call took
 *       effect and its answer was lost; the repeat returns the stored outcome).</li>
 * </ul>
 * Provider references are {@code sim-<kind>-<n>} with one sequence per provider; an authorization or a capture
 * is found again by the number in its reference. A decline about an unknown
 * authorization of a void carries a zero amount in {@code XXX} (no currency), because none is known.
 *
 * <p>Several gateways over one provider: {@link #peer()} makes another gateway over this one's provider state
 * (its keys, ledger, totals, references and decline rules), as the adapter of a second application server on the
 * same payment account would be; a key used on one is known to all, under the same per-key lock. Failure rules
 * belong to one gateway (they simulate its connection). The state is in this process's memory: for several
 * servers in one test, not across processes.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPaymentGateway.class);
    private static final Currency NO_CURRENCY = Currency.getInstance("XXX");
    private static final String AUTH = "sim-auth-";
    private static final String CAP = "sim-cap-";

    /** How a failure rule fails a call. An enum: immutable, thread-safe. */
    public enum Failure {
        /** {@code PROVIDER_ERROR} before the call takes effect. */
        ERROR_BEFORE_APPLYING(false, OmsErrorCode.PROVIDER_ERROR),
        /** {@code PROVIDER_TIMEOUT} before the call takes effect. */
        TIMEOUT_BEFORE_APPLYING(false, OmsErrorCode.PROVIDER_TIMEOUT),
        /** {@code PROVIDER_ERROR} after the call took effect: the response was lost. */
        ERROR_AFTER_APPLYING(true, OmsErrorCode.PROVIDER_ERROR),
        /** {@code PROVIDER_TIMEOUT} after the call took effect: the response was lost. */
        TIMEOUT_AFTER_APPLYING(true, OmsErrorCode.PROVIDER_TIMEOUT);

        private final boolean afterApplying;
        private final OmsErrorCode code;

        Failure(boolean afterApplying, OmsErrorCode code) {
            this.afterApplying = afterApplying;
            this.code = code;
        }

        /** Whether the call takes effect before the failure is thrown. */
        public boolean afterApplying() {
            return afterApplying;
        }

        /** The code of the thrown {@link ProviderException}. */
        public OmsErrorCode code() {
            return code;
        }
    }

    /**
     * The money moved in one currency so far.
     *
     * <p>An immutable value; thread-safe.
     *
     * @param authorized the sum of approved authorizations
     * @param captured the sum of approved captures
     * @param voided the sum released by approved voids
     * @param refunded the sum of approved refunds
     */
    public record Totals(Money authorized, Money captured, Money voided, Money refunded) {
        public Totals {
            Checks.present(authorized, "authorized");
            Checks.present(captured, "captured");
            Checks.present(voided, "voided");
            Checks.present(refunded, "refunded");
        }
    }

    private record DeclineRule(BiPredicate<OrderId, Money> when, String reason) {
    }

    /**
     * Fails the first {@code attempts} calls of each matching key counted from the rule's creation. {@code seen}
     * is concurrent; the count of one key changes only inside that key's critical section.
     */
    private static final class FailureRule {
        final Predicate<String> keys;
        final int attempts;
        final Failure failure;
        final Map<String, Integer> seen = new ConcurrentHashMap<>();

        FailureRule(Predicate<String> keys, int attempts, Failure failure) {
            this.keys = keys;
            this.attempts = attempts;
            this.failure = failure;
        }
    }

    private record Call(String kind, String target, Money amount) {
    }

    /**
     * What one idempotency key has seen: how many calls (failed ones included), the first call made with it and
     * its outcome (kept as fields, rebuilt into a {@link PaymentOutcome} for a repeat), and, when that call was
     * an approved authorization or capture, the ledger record of that authorization or capture: one object per
     * key kept instead of a state, an outcome and a ledger record. The call and its outcome change only inside
     * {@code byKey.compute} on the key; the ledger counters {@link #settled} and {@link #voided} only under this
     * object's monitor; {@link #ledgerAmount} is written once before the record is published in its index.
     */
    private static final class KeyState {
        volatile int attempts;
        /** The first call's kind, target and amount (null until a call took effect). */
        String kind;
        String target;
        Money amount;
        /** The first call's outcome. */
        boolean approved;
        String reference;
        Money outcomeAmount;
        String declineReason;
        /** As a ledger record: the authorized or captured amount. */
        Money ledgerAmount;
        /** As a ledger record: captured (of an authorization) or refunded (of a capture), in minor units. */
        long settled;
        /** As an authorization: whether it was voided. */
        boolean voided;

        boolean applied() {
            return kind != null;
        }

        boolean sameCall(Call call) {
            return kind.equals(call.kind()) && target.equals(call.target()) && Objects.equals(amount, call.amount());
        }

        void record(Call call, PaymentOutcome first) {
            kind = call.kind();
            target = call.target();
            amount = call.amount();
            approved = first.approved();
            reference = first.providerReference();
            // the call's own amount when equal (the usual case): no second reference to an equal value
            outcomeAmount = first.amount().equals(amount) ? amount : first.amount();
            declineReason = first.declineReason();
        }

        PaymentOutcome outcome() {
            return new PaymentOutcome(approved, reference, outcomeAmount, declineReason);
        }

        /** Makes this the ledger record of {@code amount}; before it is published. */
        KeyState ledger(Money amount) {
            ledgerAmount = amount;
            return this;
        }
    }

    /** The provider's state from here to {@link #sequence}: shared with every {@link #peer()}. */
    private final List<DeclineRule> declineRules;
    private final CompactMap<String, KeyState> byKey;
    /**
     * Authorizations and captures under the number of their reference ({@code sim-auth-<n>}, {@code sim-cap-<n>}):
     * the state of the key that made each.
     */
    private final SequenceIndex<KeyState> authorizations;
    private final SequenceIndex<KeyState> captures;
    /** Per currency: authorized, captured, voided, refunded; guarded by itself. */
    private final Map<Currency, long[]> totals;
    private final AtomicLong sequence;
    /** This gateway's own: its connection's failures. */
    private final List<FailureRule> failureRules = new CopyOnWriteArrayList<>();

    /**
     * A gateway over a provider of its own, that approves everything within the ledger's limits, until rules are
     * added.
     */
    public SimulatedPaymentGateway() {
        this.declineRules = new CopyOnWriteArrayList<>();
        this.byKey = CompactMap.withPackedStringKeys();
        this.authorizations = new SequenceIndex<>();
        this.captures = new SequenceIndex<>();
        this.totals = new HashMap<>();
        this.sequence = new AtomicLong();
    }

    private SimulatedPaymentGateway(SimulatedPaymentGateway provider) {
        this.declineRules = provider.declineRules;
        this.byKey = provider.byKey;
        this.authorizations = provider.authorizations;
        this.captures = provider.captures;
        this.totals = provider.totals;
        this.sequence = provider.sequence;
    }

    /**
     * Another gateway over this one's provider, as the adapter of a second application server on the same payment
     * account: it shares the keys and their outcomes, the ledger, the totals, the sequence of references and the
     * decline rules (added on either, they apply to both), and has no failure rules of its own until some are
     * added. Thread-safe, as this one; calls on the two with one key are serialized together.
     */
    public SimulatedPaymentGateway peer() {
        return new SimulatedPaymentGateway(this);
    }

    /**
     * Adds a rule of the provider (shared with {@linkplain #peer() peers}): authorizations for which {@code when}
     * holds are declined with {@code reason}. The predicate runs
     * while the call's idempotency key (and its stripe, an eighth of the keys) is locked: it must be quick, free of
     * side effects, and must not call this gateway (a call back throws {@link IllegalStateException}).
     *
     * @return this
     */
    public SimulatedPaymentGateway declineWhen(BiPredicate<OrderId, Money> when, String reason) {
        Objects.requireNonNull(when, "when");
        Checks.id(reason, "decline reason");
        declineRules.add(new DeclineRule(when, reason));
        return this;
    }

    /**
     * Adds a rule: authorizations whose amount in minor units ends in the two digits {@code lastTwoDigits}
     * (such as 13 for 10.13 or 99.13) are declined with {@code card_declined}.
     *
     * @return this
     */
    public SimulatedPaymentGateway declineAmountsEndingIn(int lastTwoDigits) {
        if (lastTwoDigits < 0 || lastTwoDigits > 99) {
            throw new IllegalArgumentException("last two digits must be in [0, 99], was " + lastTwoDigits);
        }
        return declineWhen((order, amount) -> Math.floorMod(amount.minorUnits(), 100) == lastTwoDigits,
                "card_declined");
    }

    /**
     * Adds a rule of this gateway's connection (not of its {@linkplain #peer() peers}): the first {@code attempts}
     * calls through this gateway with each key matching {@code keys}, counted from now, fail with {@code failure}.
     * Rules are tried in the order added; the first one with attempts left fires.
     * {@code keys} runs while the key is locked, under the same conditions as {@link #declineWhen}'s predicate.
     *
     * @return this
     */
    public SimulatedPaymentGateway failFirstAttempts(Predicate<String> keys, int attempts, Failure failure) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(failure, "failure");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        failureRules.add(new FailureRule(keys, attempts, failure));
        return this;
    }

    /**
     * Adds a rule of this gateway's connection: the first {@code attempts} calls through this gateway with
     * {@code key}, counted from now, fail with {@code failure}.
     *
     * @return this
     */
    public SimulatedPaymentGateway failFirstAttempts(String key, int attempts, Failure failure) {
        Objects.requireNonNull(key, "key");
        return failFirstAttempts(key::equals, attempts, failure);
    }

    /** How many calls were made with {@code key}, failed ones included, through this gateway and its peers. */
    public int attempts(String key) {
        KeyState state = byKey.get(Objects.requireNonNull(key, "key"));
        return state == null ? 0 : state.attempts;
    }

    /** The money moved in {@code currency} so far, by this gateway and its peers. */
    public Totals totals(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        synchronized (totals) {
            long[] t = totals.getOrDefault(currency, new long[4]);
            return new Totals(new Money(t[0], currency), new Money(t[1], currency), new Money(t[2], currency),
                    new Money(t[3], currency));
        }
    }

    @Override
    public PaymentOutcome authorize(String idempotencyKey, OrderId orderId, Money amount) {
        Checks.present(orderId, "order id");
        positive(amount);
        return call(idempotencyKey, new Call("authorize", orderId.value(), amount), st -> {
            for (DeclineRule rule : declineRules) {
                if (rule.when().test(orderId, amount)) {
                    LOG.debug("order {}: simulated authorization declined ({})", orderId, rule.reason());
                    return PaymentOutcome.declined(nextReference("decl"), amount, rule.reason());
                }
            }
            long n = sequence.incrementAndGet();
            String ref = AUTH + n;
            authorizations.put(n, st.ledger(amount));
            add(amount, 0);
            LOG.debug("order {}: simulated authorization {} approved", orderId, ref);
            return PaymentOutcome.approved(ref, amount);
        });
    }

    @Override
    public PaymentOutcome capture(String idempotencyKey, String authorizationReference, Money amount) {
        Checks.present(authorizationReference, "authorization reference");
        positive(amount);
        return call(idempotencyKey, new Call("capture", authorizationReference, amount), st -> {
            KeyState a = authorizations.get(SequenceIndex.parse(authorizationReference, AUTH, 1));
            if (a == null) {
                return PaymentOutcome.declined(nextReference("decl"), amount, "unknown_authorization");
            }
            a.ledgerAmount.sameCurrency(amount);
            synchronized (a) {
                if (a.voided) {
                    return PaymentOutcome.declined(nextReference("decl"), amount, "authorization_voided");
                }
                if (amount.minorUnits() > a.ledgerAmount.minorUnits() - a.settled) {
                    return PaymentOutcome.declined(nextReference("decl"), amount, "amount_exceeds_authorization");
                }
                a.settled += amount.minorUnits();
            }
            long n = sequence.incrementAndGet();
            String ref = CAP + n;
            captures.put(n, st.ledger(amount));
            add(amount, 1);
            return PaymentOutcome.approved(ref, amount);
        });
    }

    @Override
    public PaymentOutcome voidAuthorization(String idempotencyKey, String authorizationReference) {
        Checks.present(authorizationReference, "authorization reference");
        return call(idempotencyKey, new Call("void", authorizationReference, null), st -> {
            KeyState a = authorizations.get(SequenceIndex.parse(authorizationReference, AUTH, 1));
            if (a == null) {
                return PaymentOutcome.declined(nextReference("decl"), Money.zero(NO_CURRENCY), "unknown_authorization");
            }
            long left;
            synchronized (a) {
                if (a.voided) {
                    return PaymentOutcome.declined(nextReference("decl"), Money.zero(a.ledgerAmount.currency()),
                            "already_voided");
                }
                left = a.ledgerAmount.minorUnits() - a.settled;
                if (left == 0) {
                    return PaymentOutcome.declined(nextReference("decl"), Money.zero(a.ledgerAmount.currency()),
                            "nothing_to_void");
                }
                a.voided = true;
            }
            Money released = new Money(left, a.ledgerAmount.currency());
            add(released, 2);
            return PaymentOutcome.approved(nextReference("void"), released);
        });
    }

    @Override
    public PaymentOutcome refund(String idempotencyKey, String captureReference, Money amount) {
        Checks.present(captureReference, "capture reference");
        positive(amount);
        return call(idempotencyKey, new Call("refund", captureReference, amount), st -> {
            KeyState c = captures.get(SequenceIndex.parse(captureReference, CAP, 1));
            if (c == null) {
                return PaymentOutcome.declined(nextReference("decl"), amount, "unknown_capture");
            }
            c.ledgerAmount.sameCurrency(amount);
            synchronized (c) {
                if (amount.minorUnits() > c.ledgerAmount.minorUnits() - c.settled) {
                    return PaymentOutcome.declined(nextReference("decl"), amount, "amount_exceeds_capture");
                }
                c.settled += amount.minorUnits();
            }
            add(amount, 3);
            return PaymentOutcome.approved(nextReference("ref"), amount);
        });
    }

    private interface Operation {
        /** Applies the call; {@code st} is the state of its key, which becomes the ledger record if it makes one. */
        PaymentOutcome apply(KeyState st);
    }

    /**
     * Idempotency and failure rules around one operation, inside the key's critical section. Nothing is thrown
     * from inside it (that would drop the attempt just counted): the failure or the reuse is thrown after.
     */
    private PaymentOutcome call(String key, Call call, Operation op) {
        Checks.id(key, "idempotency key");
        Object[] result = new Object[1]; // the outcome, or the exception to throw
        byKey.compute(key, (k, state) -> {
            KeyState st = state == null ? new KeyState() : state;
            st.attempts = st.attempts + 1;
            Failure failure = failureFor(key);
            if (failure != null && !failure.afterApplying()) {
                result[0] = failureException(failure, call);
                return st;
            }
            PaymentOutcome outcome;
            if (st.applied()) {
                if (!st.sameCall(call)) {
                    result[0] = new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                            "idempotency key reused for a different " + call.kind() + " call");
                    return st;
                }
                outcome = st.outcome();
            } else {
                try {
                    outcome = op.apply(st);
                } catch (RuntimeException e) { // a bad argument found by the operation: nothing was applied
                    result[0] = e;
                    return st;
                }
                st.record(call, outcome);
            }
            result[0] = failure != null ? failureException(failure, call) : outcome;
            return st;
        });
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        return (PaymentOutcome) result[0];
    }

    private Failure failureFor(String key) {
        for (FailureRule rule : failureRules) {
            if (rule.keys.test(key)) {
                int n = rule.seen.getOrDefault(key, 0);
                if (n < rule.attempts) {
                    rule.seen.put(key, n + 1);
                    return rule.failure;
                }
            }
        }
        return null;
    }

    private static ProviderException failureException(Failure failure, Call call) {
        return new ProviderException(failure.code(), "simulated " + failure.name().toLowerCase(java.util.Locale.ROOT)
                + " on " + call.kind());
    }

    private String nextReference(String kind) {
        return "sim-" + kind + "-" + sequence.incrementAndGet();
    }

    private void add(Money amount, int index) {
        synchronized (totals) {
            totals.computeIfAbsent(amount.currency(), c -> new long[4])[index] += amount.minorUnits();
        }
    }

    private static void positive(Money amount) {
        Checks.present(amount, "amount");
        if (!amount.isPositive()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount must be positive, was " + amount);
        }
    }
}
