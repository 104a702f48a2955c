package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Address;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.tck.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleBasedFraudScreenerTest {
    private static final Address BERLIN = new Address(null, "a", null, "Berlin", null, "10115", "DE", null);

    /** An order of one line of {@code minorUnits} USD by {@code customer} placed at {@code placedAt}. */
    private static OrderSnapshot order(String id, long minorUnits, String customer, Instant placedAt, Address shipTo,
                                       Address billTo) {
        OrderSnapshot s = Fixtures.placedOrder(OrderId.of(id));
        List<OrderLine> lines = List.of(OrderLine.pending(
                new LineSpec(LineId.of("l1"), Sku.of("SKU"), 1, Fixtures.usd(minorUnits), null)));
        return new OrderSnapshot(s.id(), 1, s.state(), s.status(), s.channel(), null, s.idempotencyKey(),
                customer == null ? null : CustomerId.of(customer), s.currency(), shipTo, billTo, null, placedAt, null,
                lines, List.of(), List.of(), List.of(), List.of(), null, placedAt);
    }

    private static OrderSnapshot plain(String id, long minorUnits) {
        return order(id, minorUnits, "c1", Fixtures.T0, BERLIN, BERLIN);
    }

    @Nested
    class Amount {
        private final RuleBasedFraudScreener screener = RuleBasedFraudScreener.builder()
                .reviewAbove(Fixtures.usd(100_000)).rejectAbove(Fixtures.usd(1_000_000)).build();

        @Test
        void screen_belowLimits_isAcceptedWithScoreZero() {
            FraudAssessment a = screener.screen(plain("o1", 100_000));

            assertThat(a).isEqualTo(new FraudAssessment(FraudDecision.ACCEPT, 0, List.of()));
        }

        @Test
        void screen_aboveReviewLimit_isReviewed() {
            FraudAssessment a = screener.screen(plain("o1", 100_001));

            assertThat(a.decision()).isEqualTo(FraudDecision.REVIEW);
            assertThat(a.reasons()).containsExactly(RuleBasedFraudScreener.AMOUNT_OVER_REVIEW_LIMIT);
            assertThat(a.score()).isEqualTo(40);
        }

        @Test
        void screen_aboveRejectLimit_isRejected() {
            FraudAssessment a = screener.screen(plain("o1", 1_000_001));

            assertThat(a.decision()).isEqualTo(FraudDecision.REJECT);
            assertThat(a.reasons()).containsExactly(RuleBasedFraudScreener.AMOUNT_OVER_REJECT_LIMIT);
        }

        @Test
        void screen_limitInOtherCurrency_doesNotApply() {
            RuleBasedFraudScreener eurOnly = RuleBasedFraudScreener.builder()
                    .rejectAbove(Money.ofMinor(1, "EUR")).build();

            assertThat(eurOnly.screen(plain("o1", 5_000_000)).decision()).isEqualTo(FraudDecision.ACCEPT);
        }
    }

    @Nested
    class Addresses {
        private final RuleBasedFraudScreener screener = RuleBasedFraudScreener.ofDefaults();

        @Test
        void screen_billingCountryDiffers_isReviewed() {
            Address paris = new Address(null, "b", null, "Paris", null, "75001", "FR", null);

            FraudAssessment a = screener.screen(order("o1", 100, "c1", Fixtures.T0, BERLIN, paris));

            assertThat(a.decision()).isEqualTo(FraudDecision.REVIEW);
            assertThat(a.reasons()).containsExactly(RuleBasedFraudScreener.COUNTRY_MISMATCH);
        }

        @Test
        void screen_postalCodeDiffers_isReviewed_butSpacingAndCaseDoNotCount() {
            Address other = new Address(null, "b", null, "Berlin", null, "10117", "de", null);
            Address spaced = new Address(null, "b", null, "Berlin", null, "10 115", "DE", null);

            assertThat(screener.screen(order("o1", 100, "c1", Fixtures.T0, BERLIN, other)).reasons())
                    .containsExactly(RuleBasedFraudScreener.POSTAL_CODE_MISMATCH);
            assertThat(screener.screen(order("o2", 100, "c1", Fixtures.T0, BERLIN, spaced)).decision())
                    .isEqualTo(FraudDecision.ACCEPT);
        }

        @Test
        void screen_pickupOrderWithoutShipTo_skipsAddressRules() {
            Address paris = new Address(null, "b", null, "Paris", null, "75001", "FR", null);

            assertThat(screener.screen(order("o1", 100, "c1", Fixtures.T0, null, paris)).decision())
                    .isEqualTo(FraudDecision.ACCEPT);
        }

        @Test
        void screen_addressRulesOff_acceptsMismatch() {
            Address paris = new Address(null, "b", null, "Paris", null, "75001", "FR", null);
            RuleBasedFraudScreener off = RuleBasedFraudScreener.builder().addressRules(false).build();

            assertThat(off.screen(order("o1", 100, "c1", Fixtures.T0, BERLIN, paris)).decision())
                    .isEqualTo(FraudDecision.ACCEPT);
        }
    }

    @Nested
    class Velocity {
        private final RuleBasedFraudScreener screener = RuleBasedFraudScreener.builder()
                .velocity(2, Duration.ofHours(1)).build();

        private OrderSnapshot at(String id, String customer, long minutes) {
            return order(id, 100, customer, Fixtures.T0.plus(Duration.ofMinutes(minutes)), BERLIN, BERLIN);
        }

        @Test
        void screen_thirdOrderWithinWindow_isReviewed() {
            assertThat(screener.screen(at("o1", "c1", 0)).decision()).isEqualTo(FraudDecision.ACCEPT);
            assertThat(screener.screen(at("o2", "c1", 20)).decision()).isEqualTo(FraudDecision.ACCEPT);
            FraudAssessment third = screener.screen(at("o3", "c1", 40));

            assertThat(third.decision()).isEqualTo(FraudDecision.REVIEW);
            assertThat(third.reasons()).containsExactly(RuleBasedFraudScreener.VELOCITY);
        }

        @Test
        void screen_ordersSpreadBeyondWindow_areAccepted() {
            screener.screen(at("o1", "c1", 0));
            screener.screen(at("o2", "c1", 70));

            assertThat(screener.screen(at("o3", "c1", 140)).decision()).isEqualTo(FraudDecision.ACCEPT);
        }

        @Test
        void screen_measuresOnPlacedAtNotScreeningOrder() {
            screener.screen(at("late", "c1", 300));
            screener.screen(at("o1", "c1", 0));

            assertThat(screener.screen(at("o2", "c1", 10)).decision()).isEqualTo(FraudDecision.ACCEPT);
        }

        @Test
        void screen_otherCustomersAndGuests_doNotCount() {
            screener.screen(at("o1", "c1", 0));
            screener.screen(at("o2", "c2", 1));
            screener.screen(at("o3", null, 2));
            screener.screen(at("o4", null, 3));

            assertThat(screener.screen(at("o5", null, 4)).decision()).isEqualTo(FraudDecision.ACCEPT);
            assertThat(screener.screen(at("o6", "c1", 5)).decision()).isEqualTo(FraudDecision.ACCEPT);
        }

        @Test
        void screen_sameOrderAgainAfterEarlierOrdersArrive_keepsFirstDecision() {
            OrderSnapshot first = at("o1", "c1", 30);
            assertThat(screener.screen(first).decision()).isEqualTo(FraudDecision.ACCEPT);
            screener.screen(at("o0", "c1", 10));
            screener.screen(at("o00", "c1", 20));

            assertThat(screener.screen(first).decision()).isEqualTo(FraudDecision.ACCEPT);
        }
    }

    @Nested
    class Concurrency {
        private final RuleBasedFraudScreener screener = RuleBasedFraudScreener.builder()
                .velocity(8, Duration.ofHours(1)).build();

        private OrderSnapshot at(int customer, int minute) {
            return order("c" + customer + "-o" + minute, 100, "c" + customer,
                    Fixtures.T0.plus(Duration.ofMinutes(minute)), BERLIN, BERLIN);
        }

        @Test
        void screensOnThreads_giveOneAssessmentPerOrderAndLoseNoOrderOfTheHistory() throws Exception {
            int threads = 4;
            int customers = 20;
            int perCustomer = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Map<String, FraudAssessment>> seen = new ArrayList<>();
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Map<String, FraudAssessment>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        assertThat(start.await(10, TimeUnit.SECONDS)).isTrue();
                        Map<String, FraudAssessment> out = new HashMap<>();
                        for (int c = 0; c < customers; c++) { // every thread screens every order, in its own order
                            for (int k = 0; k < perCustomer; k++) {
                                OrderSnapshot o = at(c, (k + 3 * thread) % perCustomer);
                                out.put(o.id().value(), screener.screen(o));
                            }
                        }
                        return out;
                    }));
                }
                start.countDown();
                for (Future<Map<String, FraudAssessment>> f : futures) {
                    seen.add(f.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(seen).allSatisfy(m -> assertThat(m).isEqualTo(seen.get(0)).hasSize(customers * perCustomer));
            for (int c = 0; c < customers; c++) {
                // 8 earlier orders + this one = 9 > 8 only if the history kept every one of them
                assertThat(screener.screen(at(c, 30)).reasons()).as("customer c%d", c)
                        .containsExactly(RuleBasedFraudScreener.VELOCITY);
            }
        }
    }
}
