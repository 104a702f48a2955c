package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Address;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.FraudScreener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link FraudScreener}: extend it in your test sources, implement
 * {@link #createScreener()}, and the rules R5.1 and R5.2 run against your adapter, named
 * {@code required_R5_<n>_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 *
 * <p>The orders screened come from {@link #ordersToScreen()}: by default a plain order, a very large one, one
 * whose billing country differs from the shipping country, and one whose fields are full of recognisable
 * personal data (which must not appear in any reason).
 */
public abstract class FraudScreenerCompatibilityKit {

    /** What a reason may look like: a short lower-case machine word ({@code amount_over_limit}). */
    public static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

    /** The personal data planted in the last default order; none may appear in a reason. */
    protected static final List<String> PLANTED_PERSONAL_DATA =
            List.of("Zoe Plantedname", "77 Hidden Lane", "Secretville", "PII-4242", "zoe.planted@example.com");

    /** The screener under test, made by {@link #createScreener()} before each test. */
    protected FraudScreener screener;

    /** A screener to test. Called before each test. */
    protected abstract FraudScreener createScreener();

    /** Contenders in the concurrency test (8 by default). */
    protected int threads() {
        return 8;
    }

    /** Orders to screen; new ids on every call. */
    protected List<OrderSnapshot> ordersToScreen() {
        List<OrderSnapshot> out = new ArrayList<>();
        out.add(Fixtures.placedOrder(Fixtures.newOrderId()));
        out.add(withLines(Fixtures.placedOrder(Fixtures.newOrderId()),
                List.of(new LineSpec(LineId.of("line-1"), Sku.of("SKU-GOLD"), 40, Fixtures.usd(2_500_000), null))));
        OrderSnapshot plain = Fixtures.placedOrder(Fixtures.newOrderId());
        Address foreign = new Address("Other Person", "1 Rue de Rivoli", null, "Paris", null, "75001", "FR", null);
        out.add(withAddresses(plain, plain.shipTo(), foreign));
        Address pii = new Address(PLANTED_PERSONAL_DATA.get(0), PLANTED_PERSONAL_DATA.get(1),
                PLANTED_PERSONAL_DATA.get(4), PLANTED_PERSONAL_DATA.get(2), null, PLANTED_PERSONAL_DATA.get(3), "US", null);
        Address piiBilling = new Address(PLANTED_PERSONAL_DATA.get(0), PLANTED_PERSONAL_DATA.get(1), null,
                PLANTED_PERSONAL_DATA.get(2), null, "PII-9999", "CA", null);
        out.add(withAddresses(Fixtures.placedOrder(Fixtures.newOrderId()), pii, piiBilling));
        return out;
    }

    /** {@code s} with other lines (all pending). */
    protected static OrderSnapshot withLines(OrderSnapshot s, List<LineSpec> specs) {
        List<OrderLine> lines = new ArrayList<>();
        for (LineSpec spec : specs) {
            lines.add(OrderLine.pending(spec));
        }
        return new OrderSnapshot(s.id(), s.version(), s.state(), s.status(), s.channel(), s.externalOrderId(),
                s.idempotencyKey(), s.customer(), s.currency(), s.shipTo(), s.billTo(), s.pickupLocation(),
                s.placedAt(), s.promisedBy(), lines, s.holds(), s.fulfillments(), s.payments(), s.returns(), s.fraud(),
                s.updatedAt());
    }

    /** {@code s} with other addresses. */
    protected static OrderSnapshot withAddresses(OrderSnapshot s, Address shipTo, Address billTo) {
        return new OrderSnapshot(s.id(), s.version(), s.state(), s.status(), s.channel(), s.externalOrderId(),
                s.idempotencyKey(), s.customer(), s.currency(), shipTo, billTo, s.pickupLocation(), s.placedAt(),
                s.promisedBy(), s.lines(), s.holds(), s.fulfillments(), s.payments(), s.returns(), s.fraud(),
                s.updatedAt());
    }

    @BeforeEach
    void createScreenerUnderTest() {
        screener = createScreener();
        assertThat(screener).as("createScreener() result").isNotNull();
    }

    @Nested
    @DisplayName("R5.1: the same order gets the same decision")
    class Determinism {

        @Test
        @DisplayName("R5.1 screening an order twice gives the same decision, also with other orders in between")
        void required_R5_1_screenSameOrderTwice_sameDecision() {
            List<OrderSnapshot> orders = ordersToScreen();
            List<FraudAssessment> first = new ArrayList<>();
            for (OrderSnapshot o : orders) {
                first.add(screener.screen(o));
            }
            for (int i = orders.size() - 1; i >= 0; i--) {
                assertThat(screener.screen(orders.get(i)).decision()).as("decision of order %d again", i)
                        .isEqualTo(first.get(i).decision());
            }
        }

        @Test
        @DisplayName("R5.1 concurrent screenings of one order agree")
        void required_R5_1_concurrentScreeningsOfOneOrder_agree() {
            for (OrderSnapshot o : ordersToScreen()) {
                List<Race.Outcome<FraudAssessment>> outcomes = Race.run(threads(), i -> () -> screener.screen(o));
                FraudAssessment first = outcomes.get(0).value();
                for (Race.Outcome<FraudAssessment> out : outcomes) {
                    assertThat(out.error()).isNull();
                    assertThat(out.value().decision()).isEqualTo(first.decision());
                }
            }
        }
    }

    @Nested
    @DisplayName("R5.2: reasons are short machine words without personal data")
    class Reasons {

        @Test
        @DisplayName("R5.2 every reason is a short machine-readable word")
        void required_R5_2_reasons_areShortMachineWords() {
            for (OrderSnapshot o : ordersToScreen()) {
                for (String reason : screener.screen(o).reasons()) {
                    assertThat(reason).as("reason of order %s", o.id()).matches(REASON);
                }
            }
        }

        @Test
        @DisplayName("R5.2 no reason repeats the order's personal data")
        void required_R5_2_reasons_containNoPersonalData() {
            for (OrderSnapshot o : ordersToScreen()) {
                List<String> personal = new ArrayList<>(PLANTED_PERSONAL_DATA);
                for (Address a : new Address[] {o.shipTo(), o.billTo()}) {
                    if (a != null) {
                        addIfPresent(personal, a.name());
                        addIfPresent(personal, a.line1());
                        addIfPresent(personal, a.city());
                        addIfPresent(personal, a.postalCode());
                    }
                }
                if (o.customer() != null) {
                    personal.add(o.customer().value());
                }
                for (String reason : screener.screen(o).reasons()) {
                    for (String p : personal) {
                        assertThat(reason.toLowerCase(Locale.ROOT)).as("reason of order %s", o.id())
                                .doesNotContain(p.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }

        private void addIfPresent(List<String> out, String value) {
            if (value != null && value.length() >= 4) {
                out.add(value);
            }
        }
    }
}
