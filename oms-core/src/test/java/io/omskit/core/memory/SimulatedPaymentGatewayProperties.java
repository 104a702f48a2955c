package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.omskit.core.memory.SimulatedPaymentGateway.Failure;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentOutcome;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A stateful property of the simulated gateway's ledger: random lists of authorize, capture, void, refund and
 * repeat commands, a third of them losing their answer (the call takes effect, then times out, and is retried
 * with the same key), run against the gateway and a plain model. After every step the approvals agree with
 * the model, and the totals keep captured within authorized minus voided and refunded within captured. The same
 * lists also run over a gateway and its {@linkplain SimulatedPaymentGateway#peer() peer}, as two servers: each
 * command, repeat and retry goes to the server the command picks or the other one, and the model is the same
 * single ledger.
 *
 * <p>Each command is one generated integer decoded into an operation, a target and an amount, so
 * QuickTheories shrinks a failing list towards fewer and smaller commands.
 */
class SimulatedPaymentGatewayProperties {
    private static final Currency USD = Currency.getInstance("USD");

    private static final class Auth {
        final String ref;
        final long amount;
        long captured;
        boolean voided;

        Auth(String ref, long amount) {
            this.ref = ref;
            this.amount = amount;
        }
    }

    private static final class Cap {
        final String ref;
        final long amount;
        long refunded;

        Cap(String ref, long amount) {
            this.ref = ref;
            this.amount = amount;
        }
    }

    private record Call(String key, Function<SimulatedPaymentGateway, PaymentOutcome> run) {
    }

    @Test
    void randomCommandLists_ledgerAgreesWithModelAndStaysWithinLimits() {
        qt().withExamples(300)
                .forAll(lists().of(integers().between(0, 999_999)).ofSizeBetween(1, 50))
                .checkAssert(commands -> run(commands, 1));
    }

    @Test
    void randomCommandListsOverTwoPeers_ledgerAgreesWithTheModelOfOneGateway() {
        qt().withExamples(300)
                .forAll(lists().of(integers().between(0, 999_999)).ofSizeBetween(1, 50))
                .checkAssert(commands -> run(commands, 2));
    }

    /** Runs {@code commands} over {@code servers} gateways sharing one provider, answers lost on the first one. */
    private static void run(List<Integer> commands, int servers) {
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway()
                .failFirstAttempts(k -> k.hashCode() % 3 == 0, 1, Failure.TIMEOUT_AFTER_APPLYING);
        List<SimulatedPaymentGateway> gateways = servers == 1 ? List.of(gateway) : List.of(gateway, gateway.peer());
        List<Auth> auths = new ArrayList<>();
        List<Cap> caps = new ArrayList<>();
        List<Call> done = new ArrayList<>();
        List<PaymentOutcome> outcomes = new ArrayList<>();
        int step = 0;
        for (int c : commands) {
            step++;
            String key = "k" + step;
            long amount = 1 + (c / 5) % 5_000;
            int target = (c / 25_000) % 8;
            int server = (c / 200_000) % servers;
            switch (c % 5) {
                case 0 -> {
                    PaymentOutcome o = call(new Call(key, g -> g.authorize(key, OrderId.of("o" + target),
                            new Money(amount, USD))), server, gateways, done, outcomes);
                    assertThat(o.approved()).isTrue();
                    auths.add(new Auth(o.providerReference(), amount));
                }
                case 1 -> {
                    if (auths.isEmpty()) {
                        continue;
                    }
                    Auth a = auths.get(target % auths.size());
                    boolean expected = !a.voided && amount <= a.amount - a.captured;
                    PaymentOutcome o = call(new Call(key, g -> g.capture(key, a.ref, new Money(amount, USD))),
                            server, gateways, done, outcomes);
                    assertThat(o.approved()).as("step %d capture", step).isEqualTo(expected);
                    if (expected) {
                        a.captured += amount;
                        caps.add(new Cap(o.providerReference(), amount));
                    }
                }
                case 2 -> {
                    if (auths.isEmpty()) {
                        continue;
                    }
                    Auth a = auths.get(target % auths.size());
                    boolean expected = !a.voided && a.captured < a.amount;
                    PaymentOutcome o = call(new Call(key, g -> g.voidAuthorization(key, a.ref)), server, gateways,
                            done, outcomes);
                    assertThat(o.approved()).as("step %d void", step).isEqualTo(expected);
                    if (expected) {
                        assertThat(o.amount().minorUnits()).isEqualTo(a.amount - a.captured);
                        a.voided = true;
                    }
                }
                case 3 -> {
                    if (caps.isEmpty()) {
                        continue;
                    }
                    Cap cp = caps.get(target % caps.size());
                    boolean expected = amount <= cp.amount - cp.refunded;
                    PaymentOutcome o = call(new Call(key, g -> g.refund(key, cp.ref, new Money(amount, USD))),
                            server, gateways, done, outcomes);
                    assertThat(o.approved()).as("step %d refund", step).isEqualTo(expected);
                    if (expected) {
                        cp.refunded += amount;
                    }
                }
                default -> {
                    if (done.isEmpty()) {
                        continue;
                    }
                    int i = target % done.size();
                    assertThat(attempt(done.get(i), server, gateways)).as("step %d repeat of %s", step,
                            done.get(i).key()).isEqualTo(outcomes.get(i));
                }
            }
            check(gateway, auths, caps, step);
        }
    }

    /** Runs a call on {@code server} (see {@link #attempt}). Records it for later repeats. */
    private static PaymentOutcome call(Call call, int server, List<SimulatedPaymentGateway> gateways, List<Call> done,
            List<PaymentOutcome> outcomes) {
        PaymentOutcome o = attempt(call, server, gateways);
        done.add(call);
        outcomes.add(o);
        return o;
    }

    /**
     * Runs a call on {@code server}; a lost answer is retried once with the same key, on the next server (the
     * other one of two: a second server completes the request the first one lost).
     */
    private static PaymentOutcome attempt(Call call, int server, List<SimulatedPaymentGateway> gateways) {
        try {
            return call.run().apply(gateways.get(server));
        } catch (ProviderException lost) {
            return call.run().apply(gateways.get((server + 1) % gateways.size()));
        }
    }

    private static void check(SimulatedPaymentGateway gateway, List<Auth> auths, List<Cap> caps, int step) {
        long authorized = 0;
        long captured = 0;
        long voided = 0;
        for (Auth a : auths) {
            authorized += a.amount;
            captured += a.captured;
            voided += a.voided ? a.amount - a.captured : 0;
        }
        long refunded = 0;
        for (Cap c : caps) {
            refunded += c.refunded;
        }
        SimulatedPaymentGateway.Totals t = gateway.totals(USD);
        assertThat(t).as("step %d", step).isEqualTo(new SimulatedPaymentGateway.Totals(new Money(authorized, USD),
                new Money(captured, USD), new Money(voided, USD), new Money(refunded, USD)));
        assertThat(t.captured().minorUnits()).isLessThanOrEqualTo(t.authorized().minorUnits() - t.voided().minorUnits());
        assertThat(t.refunded().minorUnits()).isLessThanOrEqualTo(t.captured().minorUnits());
    }
}
