package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.core.memory.SimulatedPaymentGateway.Failure;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentOutcome;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedPaymentGatewayTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final OrderId ORDER = OrderId.of("order-1");

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    private static Money usd(long minor) {
        return new Money(minor, USD);
    }

    private static OmsErrorCode code(Throwable t) {
        return ((OmsException) t).code();
    }

    @Nested
    class DeclineRules {
        @Test
        void authorize_amountEndingInConfiguredDigits_isDeclined() {
            gateway.declineAmountsEndingIn(13);

            PaymentOutcome declined = gateway.authorize("k1", ORDER, usd(10_013));
            PaymentOutcome approved = gateway.authorize("k2", ORDER, usd(10_014));

            assertThat(declined.approved()).isFalse();
            assertThat(declined.declineReason()).isEqualTo("card_declined");
            assertThat(approved.approved()).isTrue();
            assertThat(gateway.totals(USD).authorized()).isEqualTo(usd(10_014));
        }

        @Test
        void authorize_predicateOnOrder_declinesWithItsReason() {
            gateway.declineWhen((order, amount) -> order.value().startsWith("blocked"), "insufficient_funds");

            assertThat(gateway.authorize("k1", OrderId.of("blocked-7"), usd(100)).declineReason())
                    .isEqualTo("insufficient_funds");
            assertThat(gateway.authorize("k2", ORDER, usd(100)).approved()).isTrue();
        }

        @Test
        void capture_againstDeclinedAuthorization_isDeclinedAsUnknown() {
            gateway.declineAmountsEndingIn(0);
            PaymentOutcome declined = gateway.authorize("k1", ORDER, usd(1_000));

            PaymentOutcome capture = gateway.capture("k2", declined.providerReference(), usd(1_000));

            assertThat(capture.approved()).isFalse();
            assertThat(capture.declineReason()).isEqualTo("unknown_authorization");
        }

        @Test
        void captureAndRefund_referenceThatLooksIssuedButIsNot_isDeclinedAsUnknown() {
            PaymentOutcome auth = gateway.authorize("k1", ORDER, usd(1_000));
            String number = auth.providerReference().substring(auth.providerReference().lastIndexOf('-') + 1);

            PaymentOutcome padded = gateway.capture("k2", "sim-auth-0" + number, usd(100));
            PaymentOutcome otherKind = gateway.capture("k3", "sim-cap-" + number, usd(100));
            PaymentOutcome refund = gateway.refund("k4", auth.providerReference().replace("auth", "cap"), usd(100));

            assertThat(padded.declineReason()).isEqualTo("unknown_authorization");
            assertThat(otherKind.declineReason()).isEqualTo("unknown_authorization");
            assertThat(refund.declineReason()).isEqualTo("unknown_capture");
            assertThat(gateway.capture("k5", auth.providerReference(), usd(100)).approved()).isTrue();
        }

        @Test
        void declineAmountsEndingIn_outOfRange_isRefused() {
            assertThatThrownBy(() -> gateway.declineAmountsEndingIn(100)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class FailureRules {
        @Test
        void failBeforeApplying_firstAttemptThrowsAndMovesNothing_retryApplies() {
            gateway.failFirstAttempts("k1", 1, Failure.ERROR_BEFORE_APPLYING);

            assertThatThrownBy(() -> gateway.authorize("k1", ORDER, usd(5_000)))
                    .isInstanceOf(ProviderException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.PROVIDER_ERROR));
            assertThat(gateway.totals(USD).authorized()).isEqualTo(usd(0));

            assertThat(gateway.authorize("k1", ORDER, usd(5_000)).approved()).isTrue();
            assertThat(gateway.totals(USD).authorized()).isEqualTo(usd(5_000));
            assertThat(gateway.attempts("k1")).isEqualTo(2);
        }

        @Test
        void timeoutAfterApplying_twice_appliesOnceAndRetryReturnsStoredOutcome() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(5_000));
            gateway.failFirstAttempts("cap", 2, Failure.TIMEOUT_AFTER_APPLYING);

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> gateway.capture("cap", auth.providerReference(), usd(3_000)))
                        .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.PROVIDER_TIMEOUT));
            }
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(3_000));

            PaymentOutcome retry = gateway.capture("cap", auth.providerReference(), usd(3_000));

            assertThat(retry.approved()).isTrue();
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(3_000));
            assertThat(gateway.attempts("cap")).isEqualTo(3);
        }

        @Test
        void keyPredicateRule_failsFirstAttemptOfEachMatchingKey() {
            gateway.failFirstAttempts(k -> k.startsWith("flaky-"), 1, Failure.TIMEOUT_BEFORE_APPLYING);

            for (String k : new String[] {"flaky-1", "flaky-2"}) {
                assertThatThrownBy(() -> gateway.authorize(k, ORDER, usd(100))).isInstanceOf(ProviderException.class);
                assertThat(gateway.authorize(k, ORDER, usd(100)).approved()).isTrue();
            }
            assertThat(gateway.authorize("steady", ORDER, usd(100)).approved()).isTrue();
            assertThat(gateway.totals(USD).authorized()).isEqualTo(usd(300));
        }

        @Test
        void failure_flagsDescribeWhenAndHow() {
            assertThat(Failure.ERROR_AFTER_APPLYING.afterApplying()).isTrue();
            assertThat(Failure.ERROR_AFTER_APPLYING.code()).isEqualTo(OmsErrorCode.PROVIDER_ERROR);
            assertThat(Failure.TIMEOUT_BEFORE_APPLYING.afterApplying()).isFalse();
        }
    }

    @Nested
    class Ledger {
        @Test
        void totals_followCaptureVoidRefund() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            PaymentOutcome cap = gateway.capture("c", auth.providerReference(), usd(7_000));
            gateway.voidAuthorization("v", auth.providerReference());
            gateway.refund("r", cap.providerReference(), usd(2_500));

            assertThat(gateway.totals(USD)).isEqualTo(
                    new SimulatedPaymentGateway.Totals(usd(10_000), usd(7_000), usd(3_000), usd(2_500)));
        }

        @Test
        void void_twiceWithDifferentKeys_secondIsDeclined() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            gateway.voidAuthorization("v1", auth.providerReference());

            PaymentOutcome again = gateway.voidAuthorization("v2", auth.providerReference());

            assertThat(again.approved()).isFalse();
            assertThat(again.declineReason()).isEqualTo("already_voided");
        }

        @Test
        void void_fullyCaptured_isDeclinedNothingToVoid() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            gateway.capture("c", auth.providerReference(), usd(10_000));

            assertThat(gateway.voidAuthorization("v", auth.providerReference()).declineReason())
                    .isEqualTo("nothing_to_void");
        }

        @Test
        void capture_inOtherCurrency_isRefusedAndTakesNothing() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            assertThatThrownBy(() -> gateway.capture("c", auth.providerReference(), Money.ofMinor(100, "EUR")))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.CURRENCY_MISMATCH));
            assertThat(gateway.capture("c", auth.providerReference(), usd(10_000)).approved()).isTrue();
        }

        @Test
        void key_reusedForDifferentCall_isRefused() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            gateway.capture("c", auth.providerReference(), usd(1_000));

            assertThatThrownBy(() -> gateway.capture("c", auth.providerReference(), usd(2_000)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThatThrownBy(() -> gateway.refund("c", auth.providerReference(), usd(1_000)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(1_000));
        }

        @Test
        void repeats_ofEveryKindOfCall_returnEqualOutcomesAndMoveNothing() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            PaymentOutcome cap = gateway.capture("c", auth.providerReference(), usd(6_000));
            PaymentOutcome refund = gateway.refund("r", cap.providerReference(), usd(1_000));
            PaymentOutcome voided = gateway.voidAuthorization("v", auth.providerReference());
            PaymentOutcome declined = gateway.capture("c2", auth.providerReference(), usd(1));

            assertThat(gateway.authorize("a", ORDER, usd(10_000))).isEqualTo(auth);
            assertThat(gateway.capture("c", auth.providerReference(), usd(6_000))).isEqualTo(cap);
            assertThat(gateway.refund("r", cap.providerReference(), usd(1_000))).isEqualTo(refund);
            assertThat(gateway.voidAuthorization("v", auth.providerReference())).isEqualTo(voided);
            assertThat(gateway.capture("c2", auth.providerReference(), usd(1))).isEqualTo(declined);
            assertThat(voided.amount()).isEqualTo(usd(4_000));
            assertThat(declined.declineReason()).isEqualTo("authorization_voided");
            assertThat(gateway.totals(USD)).isEqualTo(
                    new SimulatedPaymentGateway.Totals(usd(10_000), usd(6_000), usd(4_000), usd(1_000)));
        }

        @Test
        void ledger_ofACapture_isItsOwn_notItsAuthorizations() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            PaymentOutcome cap = gateway.capture("c", auth.providerReference(), usd(3_000));

            // refunds count against the capture (3,000), captures against the authorization (10,000)
            assertThat(gateway.refund("r1", cap.providerReference(), usd(3_001)).declineReason())
                    .isEqualTo("amount_exceeds_capture");
            assertThat(gateway.refund("r2", cap.providerReference(), usd(3_000)).approved()).isTrue();
            assertThat(gateway.capture("c2", auth.providerReference(), usd(7_000)).approved()).isTrue();
            assertThat(gateway.capture("c3", auth.providerReference(), usd(1)).declineReason())
                    .isEqualTo("amount_exceeds_authorization");
            // a capture's reference is no authorization and the other way round
            assertThat(gateway.capture("c4", cap.providerReference(), usd(1)).declineReason())
                    .isEqualTo("unknown_authorization");
            assertThat(gateway.refund("r3", auth.providerReference(), usd(1)).declineReason())
                    .isEqualTo("unknown_capture");
        }

        @Test
        void references_areDistinctPerOperation() {
            PaymentOutcome a1 = gateway.authorize("a1", ORDER, usd(100));
            PaymentOutcome a2 = gateway.authorize("a2", ORDER, usd(100));

            assertThat(a1.providerReference()).isNotEqualTo(a2.providerReference()).startsWith("sim-auth-");
        }
    }

    @Nested
    class Peers {
        private final SimulatedPaymentGateway peer = gateway.peer();

        @Test
        void peer_sharesKeysLedgerTotalsAndAttempts() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            assertThat(peer.authorize("a", ORDER, usd(10_000))).isEqualTo(auth);
            assertThat(peer.capture("c", auth.providerReference(), usd(6_000)).approved()).isTrue();
            assertThat(gateway.capture("c2", auth.providerReference(), usd(4_001)).approved()).isFalse();
            assertThat(gateway.totals(USD)).isEqualTo(peer.totals(USD));
            assertThat(gateway.totals(USD).authorized()).isEqualTo(usd(10_000));
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(6_000));
            assertThat(gateway.attempts("a")).isEqualTo(2);
        }

        @Test
        void peer_keyReusedForAnotherCall_isRefusedAsOnOneGateway() {
            gateway.authorize("a", ORDER, usd(10_000));

            assertThatThrownBy(() -> peer.authorize("a", ORDER, usd(9_000)))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }

        @Test
        void declineRule_addedOnEither_appliesToBoth() {
            peer.declineAmountsEndingIn(13);

            assertThat(gateway.authorize("k1", ORDER, usd(10_013)).declineReason()).isEqualTo("card_declined");
            assertThat(peer.authorize("k2", ORDER, usd(10_013)).approved()).isFalse();
        }

        @Test
        void failureRule_failsOnlyItsOwnGateway_theOtherCompletesTheCall() {
            gateway.failFirstAttempts("a", 1, Failure.TIMEOUT_AFTER_APPLYING);

            assertThatThrownBy(() -> gateway.authorize("a", ORDER, usd(10_000))).isInstanceOf(ProviderException.class);
            PaymentOutcome completed = peer.authorize("a", ORDER, usd(10_000));

            assertThat(completed.approved()).isTrue();
            assertThat(gateway.totals(USD).authorized()).as("authorized once").isEqualTo(usd(10_000));
            assertThat(gateway.authorize("a", ORDER, usd(10_000))).as("rule used up").isEqualTo(completed);
        }

        @Test
        void gatewaysMadeApart_shareNothing() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));
            SimulatedPaymentGateway other = new SimulatedPaymentGateway();

            assertThat(other.capture("c", auth.providerReference(), usd(100)).approved()).isFalse();
            assertThat(other.totals(USD).authorized()).isEqualTo(usd(0));
        }
    }

    @Nested
    class Concurrency {
        private <T> List<T> onThreads(int threads, java.util.function.IntFunction<T> call) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<T>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        assertThat(start.await(10, TimeUnit.SECONDS)).isTrue();
                        return call.apply(thread);
                    }));
                }
                start.countDown();
                List<T> out = new ArrayList<>();
                for (Future<T> f : futures) {
                    out.add(f.get(30, TimeUnit.SECONDS));
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void capturesWithDistinctKeysOnThreads_neverTakeMoreThanAuthorized() throws Exception {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            List<Integer> approved = onThreads(8, t -> {
                int n = 0;
                for (int i = 0; i < 50; i++) {
                    n += gateway.capture("c-" + t + "-" + i, auth.providerReference(), usd(30)).approved() ? 1 : 0;
                }
                return n;
            });

            int total = approved.stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isEqualTo(10_000 / 30);
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(30L * total));
        }

        @Test
        void sameKeyOnThreads_appliesOnceAndCountsEveryAttempt() throws Exception {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            List<PaymentOutcome> outcomes = onThreads(8, t -> {
                PaymentOutcome last = null;
                for (int i = 0; i < 20; i++) {
                    last = gateway.capture("one-key", auth.providerReference(), usd(700));
                }
                return last;
            });

            assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(outcomes.get(0)));
            assertThat(outcomes.get(0).approved()).isTrue();
            assertThat(gateway.totals(USD).captured()).isEqualTo(usd(700));
            assertThat(gateway.attempts("one-key")).isEqualTo(160);
        }

        @Test
        void voidRacingCaptures_releasesExactlyWhatNoCaptureTook() throws Exception {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            List<Long> taken = onThreads(4, t -> {
                long sum = 0;
                for (int i = 0; i < 40; i++) {
                    if (t == 0 && i == 20) {
                        PaymentOutcome v = gateway.voidAuthorization("void", auth.providerReference());
                        sum -= v.approved() ? v.amount().minorUnits() : 0; // counted apart, below
                    } else {
                        PaymentOutcome c = gateway.capture("c-" + t + "-" + i, auth.providerReference(), usd(100));
                        sum += c.approved() ? 100 : 0;
                    }
                }
                return sum;
            });

            SimulatedPaymentGateway.Totals totals = gateway.totals(USD);
            assertThat(totals.captured().minorUnits() + totals.voided().minorUnits()).isEqualTo(10_000);
            assertThat(taken.stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(totals.captured().minorUnits() - totals.voided().minorUnits());
        }

        @Test
        void attempt_refusedByTheOperation_isStillCounted() {
            PaymentOutcome auth = gateway.authorize("a", ORDER, usd(10_000));

            assertThatThrownBy(() -> gateway.capture("c", auth.providerReference(), Money.ofMinor(100, "EUR")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.CURRENCY_MISMATCH));

            assertThat(gateway.attempts("c")).isEqualTo(1);
            assertThat(gateway.attempts("never-used")).isZero();
        }
    }
}
