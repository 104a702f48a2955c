package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Balance;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.PaymentStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.TransactionType;
import java.util.List;
import java.util.Objects;

/**
 * Derived, read-only views of an order, computed from its line buckets and payment ledger (never stored by
 * hand): fulfillment, payment and return status, balance and the money totals.
 *
 * <p>Stateless; thread-safe. All amounts are in the order currency. A total that does not fit a {@code long} of
 * minor units is refused with {@code OmsValidationException(INVALID_VALUE)}.
 */
public final class OrderViews {
    private OrderViews() {
    }

    // ------------------------------------------------------------------ money

    /**
     * What the customer owes for the goods: the sum over lines of unit price x (line quantity - CANCELLED -
     * RETURNED), plus the units received by returns closed with store credit or with nothing (they stay paid for).
     * Units requested for return, lost or still in work are due; replacement lines of an exchange count at their
     * price.
     */
    public static Money amountDue(OrderSnapshot s) {
        return new Money(amountDueMinor(check(s).lines(), s.returns()), s.currency());
    }

    /** Successful authorizations minus voids. */
    public static Money authorized(OrderSnapshot s) {
        List<PaymentTransaction> p = check(s).payments();
        return new Money(sum(p, TransactionType.AUTHORIZATION) - sum(p, TransactionType.VOID), s.currency());
    }

    /** The sum of captures. */
    public static Money captured(OrderSnapshot s) {
        return new Money(sum(check(s).payments(), TransactionType.CAPTURE), s.currency());
    }

    /** The sum of refunds. */
    public static Money refunded(OrderSnapshot s) {
        return new Money(sum(check(s).payments(), TransactionType.REFUND), s.currency());
    }

    /** The sum of voids. */
    public static Money voided(OrderSnapshot s) {
        return new Money(sum(check(s).payments(), TransactionType.VOID), s.currency());
    }

    /**
     * Whether money is owed: captured - refunded compared with {@link #amountDue}: below is
     * {@link Balance#BALANCE_DUE}, equal {@link Balance#SETTLED}, above {@link Balance#CREDIT_OWED}.
     */
    public static Balance balance(OrderSnapshot s) {
        List<PaymentTransaction> p = check(s).payments();
        long net = sum(p, TransactionType.CAPTURE) - sum(p, TransactionType.REFUND);
        long due = amountDueMinor(s.lines(), s.returns());
        return net < due ? Balance.BALANCE_DUE : net == due ? Balance.SETTLED : Balance.CREDIT_OWED;
    }

    /**
     * The payment status from the ledger, first match wins: any refund: {@code REFUNDED} when refunds reach the
     * captured amount, else {@code PARTIALLY_REFUNDED}; any capture: {@code PAID} when captures reach the amount
     * due, else {@code PARTIALLY_PAID}; voids leaving nothing authorized: {@code VOIDED}; something authorized:
     * {@code AUTHORIZED} when it covers the amount due, else {@code PARTIALLY_AUTHORIZED}; a declined attempt:
     * {@code FAILED}; else {@code NOT_PAID}.
     */
    public static PaymentStatus paymentStatus(OrderSnapshot s) {
        List<PaymentTransaction> p = check(s).payments();
        long auth = sum(p, TransactionType.AUTHORIZATION);
        long voided = sum(p, TransactionType.VOID);
        long captured = sum(p, TransactionType.CAPTURE);
        long refunded = sum(p, TransactionType.REFUND);
        long due = amountDueMinor(s.lines(), s.returns());
        if (refunded > 0) {
            return refunded >= captured ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        }
        if (captured > 0) {
            return captured >= due ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_PAID;
        }
        long net = auth - voided;
        if (voided > 0 && net <= 0) {
            return PaymentStatus.VOIDED;
        }
        if (net > 0) {
            return net >= due ? PaymentStatus.AUTHORIZED : PaymentStatus.PARTIALLY_AUTHORIZED;
        }
        for (PaymentTransaction t : p) {
            if (!t.succeeded()) {
                return PaymentStatus.FAILED;
            }
        }
        return PaymentStatus.NOT_PAID;
    }

    // ------------------------------------------------------------------ quantities

    /** The order-level fulfillment status; the precedence rules are on {@link FulfillmentView}. */
    public static FulfillmentView fulfillmentStatus(OrderSnapshot s) {
        long active = 0;
        long delivered = 0;
        long inTransit = 0;
        long ready = 0;
        long inWork = 0;
        long backordered = 0;
        for (OrderLine l : check(s).lines()) {
            active += l.quantity() - l.in(Bucket.CANCELLED);
            delivered += l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP) + l.in(Bucket.RETURN_REQUESTED)
                    + l.in(Bucket.RETURNED);
            inTransit += l.in(Bucket.SHIPPED) + l.in(Bucket.LOST);
            ready += l.in(Bucket.READY_FOR_PICKUP);
            inWork += l.in(Bucket.ALLOCATED) + l.in(Bucket.RELEASED) + l.in(Bucket.PICKED) + l.in(Bucket.PACKED);
            backordered += l.in(Bucket.BACKORDERED);
        }
        if (active == 0) {
            return FulfillmentView.CANCELLED;
        }
        if (delivered > 0) {
            return delivered == active ? FulfillmentView.DELIVERED : FulfillmentView.PARTIALLY_DELIVERED;
        }
        if (inTransit > 0) {
            return inTransit == active ? FulfillmentView.SHIPPED : FulfillmentView.PARTIALLY_SHIPPED;
        }
        if (ready > 0) {
            return FulfillmentView.READY_FOR_PICKUP;
        }
        if (inWork > 0) {
            return inWork == active ? FulfillmentView.ALLOCATED : FulfillmentView.PARTIALLY_ALLOCATED;
        }
        if (backordered > 0) {
            return FulfillmentView.BACKORDERED;
        }
        return FulfillmentView.NOT_FULFILLED;
    }

    /** The order-level return status; the precedence rules are on {@link ReturnView}. */
    public static ReturnView returnStatus(OrderSnapshot s) {
        long requested = 0;
        long returned = 0;
        long active = 0;
        for (OrderLine l : check(s).lines()) {
            requested += l.in(Bucket.RETURN_REQUESTED);
            returned += l.in(Bucket.RETURNED);
            active += l.quantity() - l.in(Bucket.CANCELLED);
        }
        if (requested > 0) {
            return ReturnView.RETURN_REQUESTED;
        }
        if (returned == 0) {
            return ReturnView.NONE;
        }
        return returned == active ? ReturnView.RETURNED : ReturnView.PARTIALLY_RETURNED;
    }

    // ------------------------------------------------------------------ shared with decide

    /** The sum in minor units of the successful ledger entries of {@code type}. */
    static long sum(List<PaymentTransaction> payments, TransactionType type) {
        long n = 0;
        try {
            for (int i = 0, size = payments.size(); i < size; i++) {
                PaymentTransaction t = payments.get(i);
                if (t.type() == type && t.succeeded()) {
                    n = Math.addExact(n, t.amount().minorUnits());
                }
            }
        } catch (ArithmeticException e) {
            throw overflow(e);
        }
        return n;
    }

    /** {@link #amountDue} in minor units. */
    static long amountDueMinor(List<OrderLine> lines, List<OrderReturn> returns) {
        long due = 0;
        try {
            for (int i = 0, size = lines.size(); i < size; i++) {
                OrderLine l = lines.get(i);
                int units = l.quantity() - l.in(Bucket.CANCELLED) - l.in(Bucket.RETURNED);
                if (units > 0) {
                    due = Math.addExact(due, Math.multiplyExact(l.spec().unitPrice().minorUnits(), (long) units));
                }
            }
            for (int k = 0, size = returns.size(); k < size; k++) {
                OrderReturn r = returns.get(k);
                if (r.resolution() == Resolution.STORE_CREDIT || r.resolution() == Resolution.NONE) {
                    // units that came back for store credit (the host's) or for nothing stay paid for
                    for (ReturnLine rl : r.lines()) {
                        OrderLine l = lineOf(lines, rl.lineId());
                        if (l != null && rl.received() > 0) {
                            due = Math.addExact(due,
                                    Math.multiplyExact(l.spec().unitPrice().minorUnits(), (long) rl.received()));
                        }
                    }
                }
            }
        } catch (ArithmeticException e) {
            throw overflow(e);
        }
        return due;
    }

    private static OrderLine lineOf(List<OrderLine> lines, LineId id) {
        for (int i = 0, size = lines.size(); i < size; i++) {
            if (lines.get(i).id().equals(id)) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static OmsValidationException overflow(ArithmeticException e) {
        return new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount overflows a long of minor units", e);
    }

    private static OrderSnapshot check(OrderSnapshot s) {
        return Objects.requireNonNull(s, "snapshot");
    }
}
