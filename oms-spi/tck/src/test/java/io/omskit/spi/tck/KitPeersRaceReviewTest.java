package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Found by a review of the peers races' allowance for a provider that refuses keys in flight: the race accepted a
 * contender's ProviderException when its repeat returned the first outcome, without knowing whether the failed
 * contender moved money. An adapter that calls a provider without idempotency of its own, keeps its keys in a shared
 * table with a unique constraint (check, call, insert) and serializes keys per instance with a JVM lock authorizes
 * twice when two servers race one key: the loser's provider call went through, its insert hit the constraint and it
 * threw ProviderException; its repeat read the table and returned the first outcome, so the kit passed while the card
 * held two authorizations. The allowance is now a declared capability ({@code refusesKeysInFlight()}); undeclared,
 * as here, every contender must succeed and this adapter fails (this test failed before).
 */
class KitPeersRaceReviewTest {

    /** A provider with no idempotency at all: every call moves money. */
    static final class NonIdempotentProvider {
        final ProviderLedger ledger = new ProviderLedger(); // guarded by this
        final Map<String, Integer> authsPerKey = new HashMap<>(); // what the provider saw, for the assertion
    }

    /** Shared "table" of keys (unique constraint) plus a per-instance JVM lock per key. Broken across instances. */
    static final class CheckCallInsertAdapter implements PaymentGateway {
        private final NonIdempotentProvider p;
        private final ConcurrentMap<String, PaymentOutcome> table; // shared by every instance
        private final ConcurrentMap<String, CountDownLatch> arrivals; // shared, only to make the race deterministic
        private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

        CheckCallInsertAdapter(NonIdempotentProvider p, ConcurrentMap<String, PaymentOutcome> table,
                               ConcurrentMap<String, CountDownLatch> arrivals) {
            this.p = p;
            this.table = table;
            this.arrivals = arrivals;
        }

        private PaymentOutcome send(String key, Supplier<PaymentOutcome> apply) {
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                PaymentOutcome done = table.get(key);
                if (done != null) {
                    return done;
                }
                // network latency: the other server's request for the key may be in flight meanwhile
                CountDownLatch arrived = arrivals.computeIfAbsent(key, k -> new CountDownLatch(2));
                arrived.countDown();
                try {
                    arrived.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (p) {
                    PaymentOutcome o = apply.get();
                    if (table.putIfAbsent(key, o) != null) {
                        throw new ProviderException(OmsErrorCode.PROVIDER_ERROR,
                                "duplicate key value violates unique constraint \"payment_keys_pkey\"");
                    }
                    return o;
                }
            }
        }

        @Override
        public PaymentOutcome authorize(String key, OrderId orderId, Money amount) {
            return send(key, () -> {
                p.authsPerKey.merge(key, 1, Integer::sum);
                return p.ledger.authorize(amount);
            });
        }

        @Override
        public PaymentOutcome capture(String key, String authorizationReference, Money amount) {
            return send(key, () -> p.ledger.capture(authorizationReference, amount));
        }

        @Override
        public PaymentOutcome voidAuthorization(String key, String authorizationReference) {
            return send(key, () -> p.ledger.voidAuthorization(authorizationReference));
        }

        @Override
        public PaymentOutcome refund(String key, String captureReference, Money amount) {
            return send(key, () -> p.ledger.refund(captureReference, amount));
        }
    }

    @Test
    void paymentKit_peersRace_adapterThatAuthorizesTwiceThenThrowsProviderException_mustFail() {
        NonIdempotentProvider provider = new NonIdempotentProvider();
        ConcurrentMap<String, PaymentOutcome> table = new ConcurrentHashMap<>();
        ConcurrentMap<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
        PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
            @Override
            protected PaymentGateway createGateway() {
                return new CheckCallInsertAdapter(provider, table, arrivals);
            }

            @Override
            protected boolean supportsPeers() {
                return true;
            }

            @Override
            protected PaymentGateway createPeer(PaymentGateway first) {
                return new CheckCallInsertAdapter(provider, table, arrivals);
            }

            @Override
            protected int rounds() {
                return 2;
            }
        };
        kit.createGatewayUnderTest();
        PaymentGatewayCompatibilityKit.Peers peers = kit.new Peers();
        peers.createPeerOfGatewayUnderTest();

        Throwable kitVerdict = catchThrowable(peers::optional_R4_1_concurrentCallsWithOneKeyOnBothInstances_takeEffectOnce);

        // the adapter really moved money twice for one key (the provider authorized 100.00 twice)
        assertThat(provider.authsPerKey.values()).as("provider authorizations per key").contains(2);
        // so the kit's "take effect once" test must fail it; on HEAD it passes
        assertThat(kitVerdict).as("kit verdict on an adapter that authorized one key twice")
                .isInstanceOf(AssertionError.class);
    }
}
