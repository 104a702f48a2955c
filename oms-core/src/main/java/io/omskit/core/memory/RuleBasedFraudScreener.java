package io.omskit.core.memory;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.FraudScreener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fraud screener made of a few fixed rules: order amount, billing versus shipping address, and order
 * velocity per customer. Deterministic; for tests, demos and as a reference for adapter authors. Thread-safe.
 *
 * <p>The configuration is immutable. The assessments are remembered in a concurrent map, each made once
 * inside a {@code computeIfAbsent} on its (order id, version) in a map of eight stripes (screens whose keys fall
 * in one stripe, an eighth of them, run one at a time); the velocity history of a customer is guarded by that
 * customer's own history. <b>Not durable</b>: the history lives in memory and grows with every order screened.
 *
 * <p>Rules, each adding its weight to the score (capped at 100) and its reason:
 * <ul>
 *   <li>{@code amount_over_reject_limit} (weight 90): the order total exceeds the reject limit of its
 *       currency: <b>reject</b>;</li>
 *   <li>{@code amount_over_review_limit} (40): the total exceeds the review limit (and not the reject
 *       limit): review;</li>
 *   <li>{@code country_mismatch} (30): billing and shipping countries differ: review;</li>
 *   <li>{@code postal_code_mismatch} (15): same country, both postal codes known, and they differ (ignoring
 *       case and spaces): review;</li>
 *   <li>{@code velocity} (35): the customer placed more than the allowed orders within the window ending at
 *       this order's {@code placedAt} (this order included; times from the orders, never the wall clock):
 *       review.</li>
 * </ul>
 * No rule fired: accept with score 0. Guests (no customer id) skip the velocity rule; pickup orders (no
 * ship-to address) and orders without a billing address skip the address rules.
 *
 * <p>R5.1: the assessment of an order id and version is remembered, so screening it again gives the same
 * answer even after other orders of the customer arrived. R5.2: reasons are the fixed words above.
 */
public final class RuleBasedFraudScreener implements FraudScreener {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBasedFraudScreener.class);

    /** Reason of the reject limit. */
    public static final String AMOUNT_OVER_REJECT_LIMIT = "amount_over_reject_limit";
    /** Reason of the review limit. */
    public static final String AMOUNT_OVER_REVIEW_LIMIT = "amount_over_review_limit";
    /** Reason of differing billing and shipping countries. */
    public static final String COUNTRY_MISMATCH = "country_mismatch";
    /** Reason of differing billing and shipping postal codes. */
    public static final String POSTAL_CODE_MISMATCH = "postal_code_mismatch";
    /** Reason of too many orders by one customer within the window. */
    public static final String VELOCITY = "velocity";

    private record Screened(OrderId id, long version) {
    }

    /** The assessment of an order no rule fired for: accept, score 0, no reason (an immutable value). */
    private static final FraudAssessment ACCEPTED = new FraudAssessment(FraudDecision.ACCEPT, 0, List.of());

    private final Map<Currency, Long> reviewAbove;
    private final Map<Currency, Long> rejectAbove;
    private final boolean addressRules;
    private final int maxOrdersPerWindow;
    private final Duration window;

    /** Per customer, the time of each order screened; each inner map is guarded by itself. */
    private final ConcurrentMap<CustomerId, Map<OrderId, Instant>> history = new ConcurrentHashMap<>();
    private final CompactMap<Screened, FraudAssessment> assessed = new CompactMap<>();

    private RuleBasedFraudScreener(Builder b) {
        this.reviewAbove = Map.copyOf(b.reviewAbove);
        this.rejectAbove = Map.copyOf(b.rejectAbove);
        this.addressRules = b.addressRules;
        this.maxOrdersPerWindow = b.maxOrdersPerWindow;
        this.window = b.window;
    }

    /** A builder with no amount limit, address rules on, and no velocity rule. */
    public static Builder builder() {
        return new Builder();
    }

    /** A screener with the address rules only: accepts every order whose addresses agree. */
    public static RuleBasedFraudScreener ofDefaults() {
        return builder().build();
    }

    /**
     * Configures a {@link RuleBasedFraudScreener}. Not thread-safe: build on one thread; the built screener is
     * thread-safe.
     */
    public static final class Builder {
        private final Map<Currency, Long> reviewAbove = new HashMap<>();
        private final Map<Currency, Long> rejectAbove = new HashMap<>();
        private boolean addressRules = true;
        private int maxOrdersPerWindow;
        private Duration window;

        private Builder() {
        }

        /** Orders whose total exceeds {@code limit} (in its currency) go to review. One limit per currency. */
        public Builder reviewAbove(Money limit) {
            Objects.requireNonNull(limit, "limit");
            reviewAbove.put(limit.currency(), limit.minorUnits());
            return this;
        }

        /** Orders whose total exceeds {@code limit} (in its currency) are rejected. One limit per currency. */
        public Builder rejectAbove(Money limit) {
            Objects.requireNonNull(limit, "limit");
            rejectAbove.put(limit.currency(), limit.minorUnits());
            return this;
        }

        /** Whether billing and shipping addresses are compared (on by default). */
        public Builder addressRules(boolean on) {
            this.addressRules = on;
            return this;
        }

        /**
         * A customer's orders beyond {@code maxOrders} within {@code window} (measured on the orders'
         * {@code placedAt}) go to review.
         *
         * @throws OmsValidationException {@code INVALID_VALUE} for fewer than 1 order or a window that is not
         *     positive
         */
        public Builder velocity(int maxOrders, Duration window) {
            if (maxOrders < 1) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "max orders must be at least 1, was " + maxOrders);
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "velocity window must be positive, was "
                        + window);
            }
            this.maxOrdersPerWindow = maxOrders;
            this.window = window;
            return this;
        }

        public RuleBasedFraudScreener build() {
            return new RuleBasedFraudScreener(this);
        }
    }

    @Override
    public FraudAssessment screen(OrderSnapshot order) {
        Objects.requireNonNull(order, "order");
        Screened key = new Screened(order.id(), order.version());
        return assessed.computeIfAbsent(key, k -> {
            FraudAssessment a = assess(order);
            if (LOG.isDebugEnabled()) {
                LOG.debug("order {}: fraud screen {} score {} {}", order.id(), a.decision(), a.score(), a.reasons());
            }
            return a;
        });
    }

    /** The rules; called once per (order id, version), inside {@code assessed.computeIfAbsent}. */
    private FraudAssessment assess(OrderSnapshot order) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        boolean reject = false;
        long total = total(order);
        Long rejectLimit = rejectAbove.get(order.currency());
        Long reviewLimit = reviewAbove.get(order.currency());
        if (rejectLimit != null && total > rejectLimit) {
            reasons.add(AMOUNT_OVER_REJECT_LIMIT);
            score += 90;
            reject = true;
        } else if (reviewLimit != null && total > reviewLimit) {
            reasons.add(AMOUNT_OVER_REVIEW_LIMIT);
            score += 40;
        }
        if (addressRules && order.shipTo() != null && order.billTo() != null) {
            Address ship = order.shipTo();
            Address bill = order.billTo();
            if (!ship.countryCode().trim().equalsIgnoreCase(bill.countryCode().trim())) {
                reasons.add(COUNTRY_MISMATCH);
                score += 30;
            } else if (ship.postalCode() != null && bill.postalCode() != null
                    && !normalize(ship.postalCode()).equals(normalize(bill.postalCode()))) {
                reasons.add(POSTAL_CODE_MISMATCH);
                score += 15;
            }
        }
        if (window != null && order.customer() != null) {
            Map<OrderId, Instant> seen = history.computeIfAbsent(order.customer(), c -> new HashMap<>());
            Instant from = order.placedAt().minus(window);
            int inWindow = 0;
            synchronized (seen) {
                seen.put(order.id(), order.placedAt());
                for (Instant t : seen.values()) {
                    if (!t.isBefore(from) && !t.isAfter(order.placedAt())) {
                        inWindow++;
                    }
                }
            }
            if (inWindow > maxOrdersPerWindow) {
                reasons.add(VELOCITY);
                score += 35;
            }
        }
        if (reasons.isEmpty()) {
            return ACCEPTED; // the usual answer: one value shared by every accepted order
        }
        FraudDecision decision = reject ? FraudDecision.REJECT : FraudDecision.REVIEW;
        return new FraudAssessment(decision, Math.min(100, score), reasons);
    }

    private static long total(OrderSnapshot order) {
        long sum = 0;
        for (OrderLine l : order.lines()) {
            sum = Math.addExact(sum, Math.multiplyExact(l.spec().unitPrice().minorUnits(), (long) l.quantity()));
        }
        return sum;
    }

    private static String normalize(String postalCode) {
        return postalCode.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
