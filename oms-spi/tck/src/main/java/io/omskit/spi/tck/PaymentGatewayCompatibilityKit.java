package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsValidationException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link PaymentGateway}: extend it in your test sources, implement
 * {@link #createGateway()}, and the rules R4.1 to R4.6 run against your adapter (a provider's sandbox, or a
 * simulator), named {@code required_R4_<n>_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 *
 * <p>The kit authorizes {@link #amount amounts} of {@link #currency()} (USD by default) that your sandbox must
 * approve; change them if your sandbox declines some amounts by design. How much money moved is checked from
 * the outside: after a repeated authorization of 100.00, capturing 100.00 must succeed and one cent more must
 * be declined.
 *
 * <p>Optional capabilities, declared and not disabled: {@link #supportsLostResponses()} with
 * {@link #loseNextResponse}, to check that a call whose answer was lost ({@link ProviderException} after the
 * provider acted) is not repeated by the retry (the {@code optional_R4_1_...} test); and {@link #supportsPeers()}
 * with {@link #createPeer}, to check that a key is known to every adapter instance over one provider (the
 * {@code optional_R4_1_...} tests of the {@code Peers} group), as several application servers sharing one
 * database need.
 */
public abstract class PaymentGatewayCompatibilityKit {

    /** The gateway under test, made by {@link #createGateway()} before each test. */
    protected PaymentGateway gateway;

    /** A gateway to test. Called before each test. */
    protected abstract PaymentGateway createGateway();

    /** The currency of the kit's amounts (USD by default). */
    protected Currency currency() {
        return Fixtures.USD;
    }

    /** {@code minorUnits} of {@link #currency()}; the kit uses 10000 and less, and your gateway must approve them. */
    protected Money amount(long minorUnits) {
        return new Money(minorUnits, currency());
    }

    /** Whether the gateway can be made to lose its next answer for a key (false by default). */
    protected boolean supportsLostResponses() {
        return false;
    }

    /**
     * Makes the next call with {@code idempotencyKey} take effect and then throw a {@link ProviderException}
     * (a timeout or error on the way back). Called only when {@link #supportsLostResponses()} is true.
     */
    protected void loseNextResponse(PaymentGateway target, String idempotencyKey) {
        throw new UnsupportedOperationException("declare supportsLostResponses() and implement loseNextResponse()");
    }

    /**
     * Whether the provider refuses a call whose key is still in flight on another adapter instance, which the
     * adapter then throws as a {@link io.omskit.spi.ProviderException} for the engine to repeat (an HTTP 409
     * "idempotency key in use", say); false by default. Declared, the {@code Peers} races accept such a contender when
     * its repeat returns the first outcome; undeclared, every contender must succeed (an adapter that applied a call
     * twice and then refused the loser would otherwise pass). Declare it only when the provider itself refuses keys
     * in flight and applies each key once.
     */
    protected boolean refusesKeysInFlight() {
        return false;
    }

    /**
     * Whether the kit may make a second adapter instance over the same provider state with {@link #createPeer}
     * (false by default). Declare it whenever your adapter can be made twice in one test (two HTTP clients on one
     * sandbox account, two stores on one database): several application servers running the engine on one
     * database each have their own adapter, and one server may repeat, with the same key, a call another server
     * started. An adapter that remembers keys (or references) per instance passes every other test of this kit and
     * charges twice then.
     */
    protected boolean supportsPeers() {
        return false;
    }

    /**
     * Another instance over the same provider state as {@code first}, as a second server would have: a new adapter
     * object, on the same sandbox account, or over the same store of keys (not {@code first} itself, nor a wrapper or
     * view of it: a view tests nothing). Called at most once per test, only when {@link #supportsPeers()} is true.
     * Close what it opens yourself: for instance one peer's resources for the whole test class, closed in an
     * {@code @AfterAll}, as the PostgreSQL example does.
     */
    protected PaymentGateway createPeer(PaymentGateway first) {
        throw new UnsupportedOperationException("declare supportsPeers() and implement createPeer()");
    }

    /** Contenders in the concurrency tests (8 by default). */
    protected int threads() {
        return 8;
    }

    /**
     * Rounds of each concurrency test (20 by default: one round lets a check-then-act race pass about three times in
     * four on a 2-core machine); lower it for a slow remote provider.
     */
    protected int rounds() {
        return 20;
    }

    @BeforeEach
    void createGatewayUnderTest() {
        gateway = createGateway();
        assertThat(gateway).as("createGateway() result").isNotNull();
    }

    private String key() {
        return Fixtures.unique("pay");
    }

    private PaymentOutcome authorized(long minorUnits) {
        PaymentOutcome a = gateway.authorize(key(), Fixtures.newOrderId(), amount(minorUnits));
        assertThat(a.approved()).as("authorization of %s approved (see amount())", amount(minorUnits)).isTrue();
        return a;
    }

    private PaymentOutcome captured(PaymentOutcome auth, long minorUnits) {
        PaymentOutcome c = gateway.capture(key(), auth.providerReference(), amount(minorUnits));
        assertThat(c.approved()).as("capture of %s approved", amount(minorUnits)).isTrue();
        return c;
    }

    @Nested
    @DisplayName("R4.7, R4.8: what an approved outcome says, and exact keys")
    class Outcomes {

        @Test
        @DisplayName("R4.7 approved authorizations, partial captures and refunds carry the amount asked")
        void required_R4_7_approvedOutcomes_carryTheAmountThatMoved() {
            PaymentOutcome auth = gateway.authorize(key(), Fixtures.newOrderId(), amount(10_000));
            assertThat(auth.approved()).isTrue();
            assertThat(auth.amount()).as("authorized").isEqualTo(amount(10_000));
            PaymentOutcome capture = gateway.capture(key(), auth.providerReference(), amount(4_000));
            assertThat(capture.approved()).isTrue();
            assertThat(capture.amount()).as("a partial capture's amount, not the authorization's").isEqualTo(amount(4_000));
            PaymentOutcome refund = gateway.refund(key(), capture.providerReference(), amount(1_500));
            assertThat(refund.approved()).isTrue();
            assertThat(refund.amount()).as("refunded").isEqualTo(amount(1_500));
        }

        @Test
        @DisplayName("R4.8 keys that differ only in case or trailing spaces are different calls")
        void required_R4_8_keysDifferingInCaseOrSpaces_areDifferentCalls() {
            PaymentOutcome auth = authorized(10_000);
            String k = Fixtures.unique("Pay");
            // a store of keys that folds case would answer the second and third with the first capture
            for (String variant : List.of(k, k.toUpperCase(java.util.Locale.ROOT), k + " ")) {
                PaymentOutcome c = gateway.capture(variant, auth.providerReference(), amount(2_000));
                assertThat(c.approved()).as("capture with key '%s'", variant).isTrue();
            }
            assertThat(gateway.capture(key(), auth.providerReference(), amount(4_000)).approved())
                    .as("the rest after three captures of 20.00").isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(1)).approved())
                    .as("beyond the authorization").isFalse();
        }
    }

    @Nested
    @DisplayName("R4.1: every call is idempotent by its key")
    class Idempotency {

        @Test
        @DisplayName("R4.1 a repeated authorization returns the first outcome and authorizes once")
        void required_R4_1_repeatAuthorize_returnsFirstOutcomeAuthorizesOnce() {
            String k = key();
            OrderId order = Fixtures.newOrderId();

            PaymentOutcome first = gateway.authorize(k, order, amount(10_000));
            PaymentOutcome again = gateway.authorize(k, order, amount(10_000));

            assertThat(again).isEqualTo(first);
            assertThat(first.approved()).isTrue();
            assertThat(gateway.capture(key(), first.providerReference(), amount(10_000)).approved()).isTrue();
            assertThat(gateway.capture(key(), first.providerReference(), amount(1)).approved())
                    .as("capture beyond one authorization").isFalse();
        }

        @Test
        @DisplayName("R4.1 a repeated capture returns the first outcome and captures once")
        void required_R4_1_repeatCapture_returnsFirstOutcomeCapturesOnce() {
            PaymentOutcome auth = authorized(10_000);
            String k = key();

            PaymentOutcome first = gateway.capture(k, auth.providerReference(), amount(6_000));
            PaymentOutcome again = gateway.capture(k, auth.providerReference(), amount(6_000));

            assertThat(again).isEqualTo(first);
            assertThat(gateway.capture(key(), auth.providerReference(), amount(4_000)).approved()).isTrue();
        }

        @Test
        @DisplayName("R4.1 a repeated refund returns the first outcome and refunds once")
        void required_R4_1_repeatRefund_returnsFirstOutcomeRefundsOnce() {
            PaymentOutcome cap = captured(authorized(10_000), 10_000);
            String k = key();

            PaymentOutcome first = gateway.refund(k, cap.providerReference(), amount(7_000));
            PaymentOutcome again = gateway.refund(k, cap.providerReference(), amount(7_000));

            assertThat(again).isEqualTo(first);
            assertThat(first.approved()).isTrue();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(3_000)).approved()).isTrue();
        }

        @Test
        @DisplayName("R4.1 a repeated void returns the first outcome")
        void required_R4_1_repeatVoid_returnsFirstOutcome() {
            PaymentOutcome auth = authorized(10_000);
            String k = key();

            PaymentOutcome first = gateway.voidAuthorization(k, auth.providerReference());
            PaymentOutcome again = gateway.voidAuthorization(k, auth.providerReference());

            assertThat(first.approved()).isTrue();
            assertThat(again).isEqualTo(first);
        }

        @Test
        @DisplayName("R4.1 a repeated decline returns the first decline")
        void required_R4_1_repeatDeclinedCapture_returnsFirstOutcome() {
            PaymentOutcome auth = authorized(1_000);
            String k = key();

            PaymentOutcome first = gateway.capture(k, auth.providerReference(), amount(2_000));
            PaymentOutcome again = gateway.capture(k, auth.providerReference(), amount(2_000));

            assertThat(first.approved()).isFalse();
            assertThat(again).isEqualTo(first);
        }

        @Test
        @DisplayName("R4.1 concurrent captures with one key capture once")
        void required_R4_1_concurrentCapturesWithOneKey_captureOnce() {
            for (int round = 0; round < rounds(); round++) {
                captureRace();
            }
        }

        private void captureRace() {
            PaymentOutcome auth = authorized(10_000);
            String k = key();

            List<Race.Outcome<PaymentOutcome>> outcomes = Race.run(threads(),
                    i -> () -> gateway.capture(k, auth.providerReference(), amount(6_000)));

            PaymentOutcome first = outcomes.get(0).value();
            for (Race.Outcome<PaymentOutcome> o : outcomes) {
                assertThat(o.error()).isNull();
                assertThat(o.value()).isEqualTo(first);
            }
            assertThat(first.approved()).isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(4_000)).approved()).isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(1)).approved()).isFalse();
        }

        @Test
        @DisplayName("R4.1 concurrent authorizations, refunds and voids with one key each move money once")
        void required_R4_1_concurrentCallsOfEveryKindWithOneKey_moveMoneyOnce() {
            // the engine completes a pending payment request from every thread or instance that finds it pending
            for (int round = 0; round < rounds(); round++) {
                everyKindRace();
            }
        }

        private void everyKindRace() {
            OrderId order = Fixtures.newOrderId();
            String authKey = key();
            List<Race.Outcome<PaymentOutcome>> auths = Race.run(threads(),
                    i -> () -> gateway.authorize(authKey, order, amount(10_000)));
            PaymentOutcome auth = auths.get(0).value();
            for (Race.Outcome<PaymentOutcome> o : auths) {
                assertThat(o.error()).isNull();
                assertThat(o.value()).isEqualTo(auth);
            }
            assertThat(auth.approved()).isTrue();

            PaymentOutcome cap = captured(auth, 6_000);
            String refundKey = key();
            List<Race.Outcome<PaymentOutcome>> refunds = Race.run(threads(),
                    i -> () -> gateway.refund(refundKey, cap.providerReference(), amount(4_000)));
            for (Race.Outcome<PaymentOutcome> o : refunds) {
                assertThat(o.error()).isNull();
                assertThat(o.value()).isEqualTo(refunds.get(0).value());
            }
            assertThat(refunds.get(0).value().approved()).isTrue();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(2_000)).approved())
                    .as("4.00 of 6.00 refunded once: 2.00 left").isTrue();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(1)).approved()).isFalse();

            String voidKey = key();
            List<Race.Outcome<PaymentOutcome>> voids = Race.run(threads(),
                    i -> () -> gateway.voidAuthorization(voidKey, auth.providerReference()));
            for (Race.Outcome<PaymentOutcome> o : voids) {
                assertThat(o.error()).isNull();
                assertThat(o.value()).isEqualTo(voids.get(0).value());
            }
            assertThat(voids.get(0).value().approved()).isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(1)).approved())
                    .as("nothing left to capture after the void").isFalse();
        }

        @Test
        @DisplayName("R4.1 (optional: lost responses) after an answer was lost, the retry returns the outcome and moves no more money")
        void optional_R4_1_retryAfterLostResponse_returnsOutcomeMovesNoMoreMoney() {
            Assumptions.assumeTrue(supportsLostResponses(),
                    "optional capability not declared: supportsLostResponses() is false");
            OrderId order = Fixtures.newOrderId();
            String authKey = key();
            loseNextResponse(gateway, authKey);

            assertThatThrownBy(() -> gateway.authorize(authKey, order, amount(10_000)))
                    .isInstanceOf(ProviderException.class);
            PaymentOutcome auth = gateway.authorize(authKey, order, amount(10_000));
            assertThat(auth.approved()).isTrue();

            String capKey = key();
            loseNextResponse(gateway, capKey);
            assertThatThrownBy(() -> gateway.capture(capKey, auth.providerReference(), amount(6_000)))
                    .isInstanceOf(ProviderException.class);
            PaymentOutcome cap = gateway.capture(capKey, auth.providerReference(), amount(6_000));
            assertThat(cap.approved()).isTrue();

            assertThat(gateway.capture(key(), auth.providerReference(), amount(4_000)).approved())
                    .as("the rest of one authorization, one capture of 60.00 taken").isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(1)).approved()).isFalse();
        }
    }

    @Nested
    @DisplayName("R4.1 (optional: peers): keys across two adapter instances over one provider, as two servers have")
    class Peers {
        private PaymentGateway peer;

        @BeforeEach
        void createPeerOfGatewayUnderTest() {
            Assumptions.assumeTrue(supportsPeers(), "optional capability not declared: supportsPeers() is false");
            peer = createPeer(gateway);
            assertThat(peer).as("createPeer() result").isNotNull().isNotSameAs(gateway);
        }

        @Test
        @DisplayName("R4.1 (peers) an authorization repeated on the other instance returns the first outcome and authorizes once")
        void optional_R4_1_authorizeRepeatedOnPeer_returnsFirstOutcomeAuthorizesOnce() {
            String k = key();
            OrderId order = Fixtures.newOrderId();

            PaymentOutcome first = gateway.authorize(k, order, amount(10_000));
            PaymentOutcome again = peer.authorize(k, order, amount(10_000));

            assertThat(first.approved()).isTrue();
            assertThat(again).as("the repeat on the second server").isEqualTo(first);
            assertThat(peer.capture(key(), first.providerReference(), amount(10_000)).approved())
                    .as("the second server captures what the first authorized").isTrue();
            assertThat(gateway.capture(key(), first.providerReference(), amount(1)).approved())
                    .as("capture beyond one authorization").isFalse();
        }

        @Test
        @DisplayName("R4.1 (peers) captures, refunds and voids repeated on the other instance return the first outcome and move money once")
        void optional_R4_1_callsRepeatedOnPeer_returnFirstOutcomeMoveMoneyOnce() {
            PaymentOutcome auth = authorized(10_000);
            String capKey = key();
            PaymentOutcome cap = gateway.capture(capKey, auth.providerReference(), amount(6_000));
            assertThat(cap.approved()).isTrue();
            assertThat(peer.capture(capKey, auth.providerReference(), amount(6_000))).as("repeated capture")
                    .isEqualTo(cap);

            String refundKey = key();
            PaymentOutcome refund = peer.refund(refundKey, cap.providerReference(), amount(4_000));
            assertThat(refund.approved()).as("a refund on the second server of the first server's capture").isTrue();
            assertThat(gateway.refund(refundKey, cap.providerReference(), amount(4_000))).as("repeated refund")
                    .isEqualTo(refund);
            assertThat(gateway.refund(key(), cap.providerReference(), amount(2_000)).approved())
                    .as("4.00 of 6.00 refunded once: 2.00 left").isTrue();
            assertThat(peer.refund(key(), cap.providerReference(), amount(1)).approved()).isFalse();

            String voidKey = key();
            PaymentOutcome voided = gateway.voidAuthorization(voidKey, auth.providerReference());
            assertThat(voided.approved()).isTrue();
            assertThat(voided.amount()).as("released: 100.00 authorized, 60.00 captured").isEqualTo(amount(4_000));
            assertThat(peer.voidAuthorization(voidKey, auth.providerReference())).as("repeated void").isEqualTo(voided);
            assertThat(peer.capture(key(), auth.providerReference(), amount(1)).approved())
                    .as("nothing left to capture after the void").isFalse();
        }

        @Test
        @DisplayName("R4.1 (peers) a key first used on the other instance is known to this one, and so is its reference")
        void optional_R4_1_keyFirstSeenOnPeer_isKnownToTheFirstInstance() {
            String k = key();
            OrderId order = Fixtures.newOrderId();

            PaymentOutcome first = peer.authorize(k, order, amount(10_000));
            PaymentOutcome again = gateway.authorize(k, order, amount(10_000));

            assertThat(first.approved()).isTrue();
            assertThat(again).as("the repeat on the first server").isEqualTo(first);
            String capKey = key();
            PaymentOutcome cap = peer.capture(capKey, first.providerReference(), amount(7_000));
            assertThat(gateway.capture(capKey, first.providerReference(), amount(7_000))).isEqualTo(cap);
            assertThat(gateway.capture(key(), first.providerReference(), amount(3_000)).approved())
                    .as("the rest of one authorization, one capture of 70.00 taken").isTrue();
            assertThat(peer.capture(key(), first.providerReference(), amount(1)).approved()).isFalse();
        }

        @Test
        @DisplayName("R4.1 (peers) concurrent calls with one key on both instances take effect once")
        void optional_R4_1_concurrentCallsWithOneKeyOnBothInstances_takeEffectOnce() {
            // two servers find one payment request pending and complete it at the same moment
            for (int round = 0; round < rounds(); round++) {
                twoServerRace();
            }
        }

        private PaymentGateway side(int contender) {
            return contender % 2 == 0 ? gateway : peer;
        }

        private void twoServerRace() {
            OrderId order = Fixtures.newOrderId();
            String authKey = key();
            PaymentOutcome auth = sameOutcome(Race.run(threads(),
                    i -> () -> side(i).authorize(authKey, order, amount(10_000))),
                    i -> side(i).authorize(authKey, order, amount(10_000)));
            assertThat(auth.approved()).isTrue();

            String capKey = key();
            PaymentOutcome cap = sameOutcome(Race.run(threads(),
                    i -> () -> side(i + 1).capture(capKey, auth.providerReference(), amount(6_000))),
                    i -> side(i + 1).capture(capKey, auth.providerReference(), amount(6_000)));
            assertThat(cap.approved()).isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(4_000)).approved())
                    .as("one authorization, 60.00 captured once: 40.00 left").isTrue();
            assertThat(peer.capture(key(), auth.providerReference(), amount(1)).approved()).isFalse();
        }

        /**
         * The one outcome of a race: every contender's, or, for a contender the provider answered with a
         * {@link ProviderException} (a provider may refuse a key still in flight on another server, and the engine
         * repeats such a call with the same key), its {@code repeat} after the race.
         */
        private PaymentOutcome sameOutcome(List<Race.Outcome<PaymentOutcome>> outcomes,
                                           IntFunction<PaymentOutcome> repeat) {
            List<PaymentOutcome> got = new ArrayList<>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                Race.Outcome<PaymentOutcome> o = outcomes.get(i);
                if (o.succeeded()) {
                    got.add(o.value());
                } else {
                    assertThat(refusesKeysInFlight()).as("a contender failed (%s): only a provider that refuses keys"
                            + " in flight may fail one (declare refusesKeysInFlight())", o.error()).isTrue();
                    assertThat(o.error()).as("a contender may only fail as a provider error the engine repeats")
                            .isInstanceOf(ProviderException.class);
                    got.add(repeat.apply(i));
                }
            }
            PaymentOutcome first = got.get(0);
            for (PaymentOutcome o : got) {
                assertThat(o).as("every contender on either server gets the first outcome").isEqualTo(first);
            }
            return first;
        }
    }

    @Nested
    @DisplayName("R4.2 to R4.4: the ledger's limits")
    class Limits {

        @Test
        @DisplayName("R4.2 several captures may take the whole authorization, not a cent more")
        void required_R4_2_capturesUpToAuthorized_thenDeclined() {
            PaymentOutcome auth = authorized(10_000);

            assertThat(gateway.capture(key(), auth.providerReference(), amount(3_000)).approved()).isTrue();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(7_000)).approved()).isTrue();
            PaymentOutcome more = gateway.capture(key(), auth.providerReference(), amount(1));

            assertThat(more.approved()).isFalse();
        }

        @Test
        @DisplayName("R4.2 one capture above the authorized amount is declined and takes nothing")
        void required_R4_2_captureAboveAuthorized_isDeclinedTakesNothing() {
            PaymentOutcome auth = authorized(5_000);

            assertThat(gateway.capture(key(), auth.providerReference(), amount(5_001)).approved()).isFalse();
            assertThat(gateway.capture(key(), auth.providerReference(), amount(5_000)).approved()).isTrue();
        }

        @Test
        @DisplayName("R4.3 refunds may return the whole capture, not a cent more")
        void required_R4_3_refundsUpToCaptured_thenDeclined() {
            PaymentOutcome cap = captured(authorized(10_000), 8_000);

            assertThat(gateway.refund(key(), cap.providerReference(), amount(8_001)).approved()).isFalse();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(5_000)).approved()).isTrue();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(3_000)).approved()).isTrue();
            assertThat(gateway.refund(key(), cap.providerReference(), amount(1)).approved()).isFalse();
        }

        @Test
        @DisplayName("R4.3 a refund counts against its own capture only")
        void required_R4_3_refundAgainstOneCapture_limitedByThatCapture() {
            PaymentOutcome auth = authorized(10_000);
            PaymentOutcome c1 = captured(auth, 2_000);
            PaymentOutcome c2 = captured(auth, 8_000);

            assertThat(gateway.refund(key(), c1.providerReference(), amount(2_001)).approved()).isFalse();
            assertThat(gateway.refund(key(), c2.providerReference(), amount(8_000)).approved()).isTrue();
        }

        @Test
        @DisplayName("R4.4 a void releases the rest of the authorization; a capture after it is declined")
        void required_R4_4_voidReleasesRest_captureAfterVoidDeclined() {
            PaymentOutcome auth = authorized(10_000);
            captured(auth, 4_000);

            PaymentOutcome voided = gateway.voidAuthorization(key(), auth.providerReference());

            assertThat(voided.approved()).isTrue();
            assertThat(voided.amount()).isEqualTo(amount(6_000));
            assertThat(gateway.capture(key(), auth.providerReference(), amount(1)).approved()).isFalse();
        }

        @Test
        @DisplayName("R4.4 a capture of a voided authorization is declined")
        void required_R4_4_captureAfterFullVoid_isDeclined() {
            PaymentOutcome auth = authorized(10_000);
            assertThat(gateway.voidAuthorization(key(), auth.providerReference()).approved()).isTrue();

            assertThat(gateway.capture(key(), auth.providerReference(), amount(10_000)).approved()).isFalse();
        }
    }

    @Nested
    @DisplayName("R4.5, R4.6: bad amounts and unknown references")
    class BadInput {

        @Test
        @DisplayName("R4.5 a zero or negative authorization is refused")
        void required_R4_5_authorizeNonPositive_throwsValidation() {
            assertThatThrownBy(() -> gateway.authorize(key(), Fixtures.newOrderId(), amount(0)))
                    .isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(() -> gateway.authorize(key(), Fixtures.newOrderId(), amount(-100)))
                    .isInstanceOf(OmsValidationException.class);
        }

        @Test
        @DisplayName("R4.5 a zero or negative capture or refund is refused and moves nothing")
        void required_R4_5_captureOrRefundNonPositive_throwsValidation() {
            PaymentOutcome auth = authorized(10_000);
            assertThatThrownBy(() -> gateway.capture(key(), auth.providerReference(), amount(0)))
                    .isInstanceOf(OmsValidationException.class);
            PaymentOutcome cap = captured(auth, 10_000);
            assertThatThrownBy(() -> gateway.refund(key(), cap.providerReference(), amount(-1)))
                    .isInstanceOf(OmsValidationException.class);
            assertThat(gateway.refund(key(), cap.providerReference(), amount(10_000)).approved()).isTrue();
        }

        @Test
        @DisplayName("R4.6 a capture or void of an unknown authorization is declined, not thrown")
        void required_R4_6_unknownAuthorization_isDeclined() {
            String unknown = Fixtures.unique("no-such-auth");

            assertThat(gateway.capture(key(), unknown, amount(100)).approved()).isFalse();
            assertThat(gateway.voidAuthorization(key(), unknown).approved()).isFalse();
        }

        @Test
        @DisplayName("R4.6 a refund of an unknown capture is declined, not thrown")
        void required_R4_6_unknownCapture_isDeclined() {
            assertThat(gateway.refund(key(), Fixtures.unique("no-such-capture"), amount(100)).approved()).isFalse();
        }
    }
}
