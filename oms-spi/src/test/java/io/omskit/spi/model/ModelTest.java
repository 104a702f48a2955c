package io.omskit.spi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelTest {

    private static OmsErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (OmsValidationException e) {
            return e.code();
        }
        throw new AssertionError("no OmsValidationException");
    }

    @Nested
    class Ids {
        @Test
        void id_blankNullControlOrTooLong_isRefusedWithItsCode() {
            assertThat(codeOf(() -> OrderId.of(null))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> OrderId.of("  "))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> Sku.of("A\nB"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> LineId.of("x".repeat(Checks.MAX_ID_LENGTH + 1)))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void id_unpairedSurrogate_isRefused_aPairIsKept() {
            assertThat(codeOf(() -> Sku.of("SKU\uD800x"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Sku.of("SKU\uDC00"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Sku.of("\uD800"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Sku.of("\uDC00\uD800"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(Sku.of("SKU-\uD83D\uDE00").value()).isEqualTo("SKU-\uD83D\uDE00");
        }

        @Test
        void state_builtInOrCustom_isCheckedAsAnId() {
            assertThat(Checks.state(OrderStatus.CONFIRMED.name(), OrderStatus.CONFIRMED, "state")).isEqualTo("CONFIRMED");
            assertThat(Checks.state(new String("CONFIRMED"), OrderStatus.CONFIRMED, "state")).isEqualTo("CONFIRMED");
            assertThat(Checks.state("QUALITY_CHECK", FulfillmentStatus.PACKED, "state")).isEqualTo("QUALITY_CHECK");
            assertThat(codeOf(() -> Checks.state("QC\n", FulfillmentStatus.PACKED, "state")))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Checks.state(null, OrderStatus.PLACED, "state"))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> Checks.state(" ", null, "state"))).isEqualTo(OmsErrorCode.MISSING_VALUE);
        }

        @Test
        void list_immutableKeptMutableCopiedNullsRefused() {
            java.util.List<String> immutable = java.util.List.of("a", "b", "c");
            assertThat(Checks.list(immutable, "xs")).isSameAs(immutable);
            java.util.List<String> mutable = new java.util.ArrayList<>(immutable);
            java.util.List<String> copy = Checks.list(mutable, "xs");
            mutable.set(0, "z");
            assertThat(copy).containsExactly("a", "b", "c");
            assertThatThrownBy(() -> copy.add("d")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(codeOf(() -> Checks.list(java.util.Arrays.asList("a", null), "xs")))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            // Stream.toList() makes the JDK's immutable list class, but lets nulls in
            assertThat(codeOf(() -> Checks.list(java.util.stream.Stream.of("a", null, "c").toList(), "xs")))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            // ... with one or two elements too (the one- and two-element List.of kind is trusted without a scan)
            assertThat(codeOf(() -> Checks.list(java.util.stream.Stream.of((String) null).toList(), "xs")))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> Checks.list(java.util.stream.Stream.of("a", null).toList(), "xs")))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            java.util.List<String> two = java.util.List.of("a", "b");
            assertThat(Checks.list(two, "xs")).isSameAs(two);
            assertThat(codeOf(() -> Checks.list(null, "xs"))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            // a copy is kept as it is by a later check, and is a list like any other
            assertThat(Checks.list(copy, "xs")).isSameAs(copy);
            assertThat(copy).isEqualTo(immutable).hasSameHashCodeAs(immutable);
            assertThat(copy.indexOf("c")).isEqualTo(2);
            assertThat(copy.contains("z")).isFalse();
            assertThatThrownBy(() -> copy.set(0, "y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> copy.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void list_ofAListThatKeepsItsArray_isCopiedAgain() {
            String[] kept = {"a", "b"};
            java.util.List<String> leaky = new java.util.AbstractList<>() {
                @Override
                public String get(int index) {
                    return kept[index];
                }

                @Override
                public int size() {
                    return kept.length;
                }

                @Override
                public Object[] toArray() {
                    return kept; // breaks toArray's contract: the caller could change this list through it
                }
            };
            java.util.List<String> copy = Checks.list(leaky, "xs");
            kept[0] = "z";
            assertThat(copy).containsExactly("a", "b");
        }

        @Test
        void frozenList_wrapsTheExactArray_orCopiesThePrefix() {
            Object[] a = {"a", "b", "c"};
            java.util.List<String> all = io.omskit.spi.model.internal.FrozenList.wrap(a, 3);
            java.util.List<String> two = io.omskit.spi.model.internal.FrozenList.wrap(a, 2);
            assertThat(all).containsExactly("a", "b", "c");
            assertThat(two).containsExactly("a", "b");
            assertThat(io.omskit.spi.model.internal.FrozenList.wrap(a, 0)).isEmpty();
            assertThat(Checks.list(all, "xs")).isSameAs(all);
            assertThat(all.toArray()).containsExactly("a", "b", "c").isNotSameAs(a);
            assertThatThrownBy(() -> all.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void frozenList_ofATypedArray_toArrayIsAnObjectArray_andANullIsRefusedWhoeverWrapsIt() {
            java.util.List<String> typed = io.omskit.spi.model.internal.FrozenList.wrap(new String[] {"a", "b"});
            Object[] out = typed.toArray();
            assertThat(out.getClass()).isEqualTo(Object[].class);
            out[0] = 1; // an Object[] takes any object
            assertThat(typed).containsExactly("a", "b");
            assertThat(codeOf(() -> io.omskit.spi.model.internal.FrozenList.wrap(new Object[] {"a", null})))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
        }

        @Test
        void snapshot_severalBadValues_isRefusedForTheSameOneWhicheverConstructorBuiltIt() {
            // version 0 and no channel: the version is named first, as before the placement had its own record
            assertThat(codeOf(() -> new OrderSnapshot(OrderId.of("O-1"), 0, "PLACED", OrderStatus.PLACED, null, null,
                    "idem-1", null, java.util.Currency.getInstance("USD"), null, null, null, java.time.Instant.EPOCH,
                    null, java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                    java.util.List.of(), null, java.time.Instant.EPOCH)))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void checksNamingASubject_refuseWithTheWholeName_andPassGoodValuesThrough() {
            assertThat(Checks.positive(3, "quantity of line ", LineId.of("7"))).isEqualTo(3);
            assertThat(Checks.nonNegative(0, "received quantity of line ", LineId.of("7"))).isZero();
            assertThat(Checks.present("x", "unit price of line ", LineId.of("7"))).isEqualTo("x");
            assertThat(Checks.id("ref-1", "target reference of a ", "CAPTURE request")).isEqualTo("ref-1");
            assertThatThrownBy(() -> new FulfillmentLine(LineId.of("7"), 0))
                    .isInstanceOf(OmsValidationException.class)
                    .hasMessage("INVALID_QUANTITY: fulfillment quantity of line 7 must be positive, was 0")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
            assertThatThrownBy(() -> new ReturnLine(LineId.of("7"), 2, null, -1, InspectionResult.PENDING, null))
                    .hasMessage("INVALID_QUANTITY: received quantity of line 7 must not be negative, was -1");
            assertThatThrownBy(() -> Checks.present(null, "unit price of line ", LineId.of("7")))
                    .hasMessage("MISSING_VALUE: unit price of line 7 is required");
            assertThatThrownBy(() -> Checks.id(" ", "target reference of a ", "CAPTURE request"))
                    .hasMessage("MISSING_VALUE: target reference of a CAPTURE request must not be blank");
            assertThatThrownBy(() -> Checks.id(null, "target reference of a ", "REFUND request"))
                    .hasMessage("MISSING_VALUE: target reference of a REFUND request is required");
            assertThat(codeOf(() -> Checks.id("a\u0001", "ref of ", "x"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void id_withQuotesUnicodeAndSpaces_isKeptVerbatim() {
            String hostile = "O'Brien; DROP TABLE orders; -- \u00e9\u4e2d";
            assertThat(OrderId.of(hostile).value()).isEqualTo(hostile);
        }
    }

    @Nested
    class Placement {
        private final java.time.Instant at = java.time.Instant.parse("2026-11-02T09:15:00Z");
        private final java.util.Currency usd = java.util.Currency.getInstance("USD");

        @Test
        void placement_missingOrBadFacts_areRefusedWithTheirCode() {
            Channel web = Channel.of(ChannelType.WEB);
            assertThat(codeOf(() -> new OrderPlacement(null, null, "k", null, usd, null, null, null, at, null)))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> new OrderPlacement(web, null, " ", null, usd, null, null, null, at, null)))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> new OrderPlacement(web, null, "k\u0001", null, usd, null, null, null, at, null)))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> new OrderPlacement(web, null, "k", null, null, null, null, null, at, null)))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> new OrderPlacement(web, null, "k", null, usd, null, null, null, null, null)))
                    .isEqualTo(OmsErrorCode.MISSING_VALUE);
        }

        @Test
        void channelOf_eachType_isItsLowerCaseNameOnce_andNoTypeIsRefused() {
            for (ChannelType type : ChannelType.values()) {
                Channel channel = Channel.of(type);
                assertThat(channel).isEqualTo(new Channel(type, type.name().toLowerCase(java.util.Locale.ROOT)))
                        .isSameAs(Channel.of(type));
            }
            assertThat(codeOf(() -> Channel.of(null))).isEqualTo(OmsErrorCode.MISSING_VALUE);
        }

        @Test
        void snapshot_fromFactsOneByOne_equalsTheOneFromAPlacement_andReadsThemBack() {
            Channel web = Channel.of(ChannelType.WEB);
            CustomerId customer = CustomerId.of("C1");
            LocationId store = LocationId.of("S1");
            java.time.Instant promised = at.plusSeconds(86_400);
            OrderSnapshot flat = new OrderSnapshot(OrderId.of("O1"), 1, "PLACED", OrderStatus.PLACED, web, "W1", "k",
                    customer, usd, null, null, store, at, promised, java.util.List.of(), java.util.List.of(),
                    java.util.List.of(), java.util.List.of(), java.util.List.of(), null, at);
            OrderPlacement placement = new OrderPlacement(web, "W1", "k", customer, usd, null, null, store, at,
                    promised);
            OrderSnapshot nested = new OrderSnapshot(OrderId.of("O1"), 1, "PLACED", OrderStatus.PLACED, placement,
                    java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                    java.util.List.of(), null, at, null);
            assertThat(flat).isEqualTo(nested).hasSameHashCodeAs(nested);
            assertThat(flat.placement()).isEqualTo(placement);
            assertThat(java.util.List.of(flat.channel(), flat.externalOrderId(), flat.idempotencyKey(),
                    flat.customer(), flat.currency(), flat.pickupLocation(), flat.placedAt(), flat.promisedBy()))
                    .containsExactly(web, "W1", "k", customer, usd, store, at, promised);
            assertThat(flat.shipTo()).isNull();
            assertThat(flat.billTo()).isNull();
            assertThat(flat.paymentRequests()).isEmpty();
            assertThat(codeOf(() -> new OrderSnapshot(OrderId.of("O1"), 1, "PLACED", OrderStatus.PLACED,
                    (OrderPlacement) null, java.util.List.of(), java.util.List.of(), java.util.List.of(),
                    java.util.List.of(), java.util.List.of(), null, at, null))).isEqualTo(OmsErrorCode.MISSING_VALUE);
        }
    }

    @Nested
    class IdValues {
        @Test
        void idRecords_equalByValueWithinTheirType_hashAsTheirValue() {
            java.util.List<java.util.function.Function<String, Object>> kinds = java.util.List.of(CustomerId::of,
                    FulfillmentId::of, HoldId::of, LineId::of, LocationId::of, OrderId::of, ReturnId::of, Sku::of);
            for (int a = 0; a < kinds.size(); a++) {
                Object x = kinds.get(a).apply("ID-7");
                Object same = kinds.get(a).apply(new String("ID-7"));
                assertThat(x).isEqualTo(same).isNotSameAs(same).isNotEqualTo(kinds.get(a).apply("ID-8"))
                        .isNotEqualTo("ID-7").isNotEqualTo(null);
                assertThat(x.hashCode()).isEqualTo(same.hashCode()).isEqualTo("ID-7".hashCode());
                for (int b = 0; b < kinds.size(); b++) {
                    Object other = kinds.get(b).apply("ID-7");
                    if (b != a) {
                        assertThat(x).as("%s vs %s", x.getClass(), other.getClass()).isNotEqualTo(other);
                    }
                }
            }
        }
    }

    @Nested
    class EventIds {
        @Test
        void ofParts_hasTheTextOrderVersionIndex_andEqualsTheSameText() {
            EventId parts = EventId.of(OrderId.of("O-1"), 12, 3);
            EventId text = EventId.of("O-1-12-3");
            assertThat(parts.value()).isEqualTo("O-1-12-3");
            assertThat(parts).isEqualTo(text).hasSameHashCodeAs(text);
            assertThat(text).isEqualTo(parts);
            assertThat(parts).isEqualByComparingTo(text).hasToString("O-1-12-3");
        }

        @Test
        void ofParts_differentParts_areNotEqual() {
            EventId a = EventId.of(OrderId.of("O-1"), 2, 3);
            assertThat(a).isNotEqualTo(EventId.of(OrderId.of("O-1"), 2, 4))
                    .isNotEqualTo(EventId.of(OrderId.of("O-1"), 3, 3))
                    .isNotEqualTo(EventId.of(OrderId.of("O-2"), 2, 3))
                    .isNotEqualTo(EventId.of("O-1-2-3x"));
            assertThat(a.compareTo(EventId.of(OrderId.of("O-1"), 2, 4))).isNegative();
        }

        @Test
        void ofParts_longerThanAnIdMayBe_isANameBasedUuidOfTheText() {
            String order = "o".repeat(Checks.MAX_ID_LENGTH);
            EventId id = EventId.of(OrderId.of(order), 1, 0);
            String expected = java.util.UUID.nameUUIDFromBytes((order + "-1-0")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            assertThat(id.value()).isEqualTo(expected);
            assertThat(id).isEqualTo(EventId.of(expected));
        }

        @Test
        void ofParts_badParts_areRefusedWithTheirCode() {
            assertThat(codeOf(() -> EventId.of(null, 1, 0))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> EventId.of(OrderId.of("O"), 0, 0))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> EventId.of(OrderId.of("O"), 1, -1))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> EventId.of(" "))).isEqualTo(OmsErrorCode.MISSING_VALUE);
        }
    }

    @Nested
    class MoneyArithmetic {
        @Test
        void plus_mixedCurrencies_isRefused() {
            Money usd = Money.ofMinor(100, "USD");
            Money eur = Money.ofMinor(100, "EUR");
            assertThatThrownBy(() -> usd.plus(eur)).isInstanceOf(OmsValidationException.class)
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void parse_usesMinorUnits_exactly() {
            assertThat(Money.parse("35.19", "USD").minorUnits()).isEqualTo(3519);
            assertThat(Money.parse("1200", "JPY").minorUnits()).isEqualTo(1200);
            assertThat(Money.parse("0.1", "USD").plus(Money.parse("0.2", "USD"))).isEqualTo(Money.parse("0.30", "USD"));
        }

        @Test
        void parse_moreDigitsThanTheCurrencyHas_isRefused() {
            assertThat(codeOf(() -> Money.parse("1.005", "USD"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Money.parse("abc", "USD"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> Money.parse("1", "XYZ1"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void times_overflow_isRefused() {
            assertThat(codeOf(() -> Money.ofMinor(Long.MAX_VALUE / 2 + 1, "USD").times(2))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void toString_showsTheDecimalAmount() {
            assertThat(Money.of(new BigDecimal("12.50"), java.util.Currency.getInstance("EUR"))).hasToString("12.50 EUR");
        }
    }

    @Nested
    class Geo {
        @Test
        void geoPoint_outOfRangeOrNaN_isRefused() {
            assertThat(codeOf(() -> new GeoPoint(91, 0))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> new GeoPoint(0, -181))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> new GeoPoint(Double.NaN, 0))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void distance_newYorkToBoston_isAbout306Km() {
            double km = new GeoPoint(40.7128, -74.0060).distanceKm(new GeoPoint(42.3601, -71.0589));
            assertThat(km).isBetween(305.0, 308.0);
        }

        @Test
        void address_toString_hidesPersonalData() {
            Address a = new Address("Jane Roe", "1 Main St", null, "Springfield", "IL", "62701", "US", null);
            assertThat(a.toString()).doesNotContain("Jane", "Main", "62701", "Springfield").contains("US");
        }
    }

    @Nested
    class Buckets {
        @Test
        void move_keepsTheTotal_andRefusesMoreThanTheBucketHolds() {
            BucketCounts b = BucketCounts.of(Bucket.PENDING, 5).move(Bucket.PENDING, Bucket.ALLOCATED, 3);
            assertThat(b.asMap()).isEqualTo(Map.of(Bucket.PENDING, 2, Bucket.ALLOCATED, 3));
            assertThat(b.total()).isEqualTo(5);
            assertThat(codeOf(() -> b.move(Bucket.PENDING, Bucket.CANCELLED, 3))).isEqualTo(OmsErrorCode.INSUFFICIENT_QUANTITY);
            assertThat(codeOf(() -> b.move(Bucket.PENDING, Bucket.CANCELLED, 0))).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }

        @Test
        void equalCounts_areEqual_whateverTheirHistory() {
            BucketCounts direct = BucketCounts.of(Map.of(Bucket.SHIPPED, 2));
            BucketCounts moved = BucketCounts.of(Bucket.PENDING, 2).move(Bucket.PENDING, Bucket.SHIPPED, 2);
            assertThat(moved).isEqualTo(direct).hasSameHashCodeAs(direct);
        }

        @Test
        void orderLine_bucketsNotAddingUp_isRefused() {
            LineSpec spec = new LineSpec(LineId.of("L1"), Sku.of("S"), 3, Money.ofMinor(100, "USD"), null);
            assertThat(codeOf(() -> new OrderLine(spec, BucketCounts.of(Bucket.PENDING, 2), null)))
                    .isEqualTo(OmsErrorCode.INVALID_QUANTITY);
            assertThat(codeOf(() -> new LineSpec(LineId.of("L1"), Sku.of("S"), 0, Money.ofMinor(100, "USD"), null)))
                    .isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }
    }
}
