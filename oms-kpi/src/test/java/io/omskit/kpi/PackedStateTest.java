package io.omskit.kpi;

import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.Sku;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The packed per-order structures of issue 5: the order table, the code tables, the packed lines and side object. */
class PackedStateTest {

    @Nested
    class Table {
        @Test
        void getOrCreate_sameIdTwice_returnsTheSameState() {
            OrderTable t = new OrderTable();
            OrderState a = t.getOrCreate("O1");
            assertThat(t.getOrCreate(new String("O1".toCharArray()))).isSameAs(a);
            assertThat(t.size()).isEqualTo(1);
        }

        @Test
        void getOrCreate_manyIds_everyIdFoundOnceAfterGrowth() {
            OrderTable t = new OrderTable();
            List<OrderState> created = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                created.add(t.getOrCreate("order-" + i));
            }
            assertThat(t.size()).isEqualTo(20_000);
            for (int i = 0; i < 20_000; i++) {
                assertThat(t.get("order-" + i)).isSameAs(created.get(i));
            }
            assertThat(t.get("order-20000")).isNull();
            Set<OrderState> seen = new HashSet<>();
            for (OrderState s : t) {
                assertThat(seen.add(s)).isTrue();
            }
            assertThat(seen).hasSize(20_000);
        }

        @Test
        void getOrCreate_idsWithTheSameHashCode_keptApart() {
            assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
            OrderTable t = new OrderTable();
            OrderState aa = t.getOrCreate("Aa");
            OrderState bb = t.getOrCreate("BB");
            assertThat(bb).isNotSameAs(aa);
            assertThat(t.get("Aa")).isSameAs(aa);
            assertThat(t.get("BB")).isSameAs(bb);
            assertThat(aa.orderId()).isEqualTo("Aa");
            assertThat(bb.orderId()).isEqualTo("BB");
        }

        @Test
        void orderId_latin1AndWiderCharacters_roundTrip() {
            OrderTable t = new OrderTable();
            for (String id : List.of("Bestellung-\u00fc\u00ff", "\u6ce8\u6587-1", "O\u20ac7", "O1")) {
                OrderState s = t.getOrCreate(id);
                assertThat(s.orderId()).isEqualTo(id);
                assertThat(s.hasId(id)).isTrue();
                assertThat(t.get(id)).isSameAs(s);
            }
            // a wide id never equals the Latin-1 id of its low bytes
            assertThat(t.get("O\u00ac7")).isNull();
            assertThat(t.size()).isEqualTo(4);
        }

        @Test
        void getByState_stateOfAnotherTable_findsTheSameOrderOnly() {
            OrderTable mine = new OrderTable();
            OrderTable theirs = new OrderTable();
            OrderState m = mine.getOrCreate("O\u20ac1");
            mine.getOrCreate("O2");
            assertThat(mine.get(theirs.getOrCreate("O\u20ac1"))).isSameAs(m);
            assertThat(mine.get(theirs.getOrCreate("O3"))).isNull();
            OrderState copy = OrderState.sameOrder(theirs.getOrCreate("O3"));
            mine.add(copy);
            assertThat(mine.get("O3")).isSameAs(copy);
        }
    }

    @Nested
    class CodeTables {
        @Test
        void code_sameValueTwice_sameCode_nullIsZero() {
            Codes<String> c = new Codes<>();
            int web = c.code("web");
            assertThat(c.code(new String("web".toCharArray()))).isEqualTo(web);
            assertThat(c.code("app")).isNotEqualTo(web);
            assertThat(c.code(null)).isZero();
            assertThat(c.value(0)).isNull();
            assertThat(c.value(web)).isEqualTo("web");
        }

        @Test
        void codeWithHint_wrongOrOutOfRangeHint_stillTheValuesCode() {
            Codes<LineId> c = new Codes<>();
            int l1 = c.code(LineId.of("L1"));
            int l2 = c.code(LineId.of("L2"));
            assertThat(c.code(LineId.of("L2"), l1)).isEqualTo(l2);
            assertThat(c.code(LineId.of("L1"), l1)).isEqualTo(l1);
            assertThat(c.code(LineId.of("L1"), 99)).isEqualTo(l1);
            int l3 = c.code(LineId.of("L3"), l2);
            assertThat(l3).isNotIn(0, l1, l2);
            assertThat(c.value(l3)).isEqualTo(LineId.of("L3"));
        }

        @Test
        void recode_otherTableInAnotherOrder_mapsToTheSameValues() {
            Codes<String> mine = new Codes<>();
            Codes<String> theirs = new Codes<>();
            mine.code("a");
            mine.code("b");
            int c = theirs.code("c");
            int b = theirs.code("b");
            int[] cache = new int[theirs.size()];
            assertThat(mine.value(mine.recode(theirs, b, cache))).isEqualTo("b");
            assertThat(mine.recode(theirs, b, cache)).isEqualTo(mine.code("b"));
            assertThat(mine.value(mine.recode(theirs, c, cache))).isEqualTo("c");
            assertThat(mine.recode(theirs, 0, cache)).isZero();
        }
    }

    @Nested
    class Lines {
        @Test
        void lineFields_extremeValues_keptIndependently() {
            Codes<LineId> ids = new Codes<>();
            OrderState s = new OrderState("O1");
            int l1 = s.line(LineId.of("L1"), ids);
            int l2 = s.line(LineId.of("L2"), ids);
            s.sku(l1, Integer.MAX_VALUE);
            s.unitCost(l1, Long.MAX_VALUE);
            s.max(l1, OrderState.ORDERED, Integer.MAX_VALUE);
            s.max(l1, OrderState.EXCHANGE, 1);
            s.sku(l2, 3);
            s.unitCost(l2, -5);
            s.max(l2, OrderState.ORDERED, 2);
            assertThat(s.line(LineId.of("L1"), ids)).isEqualTo(l1);
            assertThat(s.lineCount()).isEqualTo(2);
            assertThat(ids.value(s.lineIdCode(l1))).isEqualTo(LineId.of("L1"));
            assertThat(s.sku(l1)).isEqualTo(Integer.MAX_VALUE);
            assertThat(s.unitCost(l1)).isEqualTo(Long.MAX_VALUE);
            assertThat(s.get(l1, OrderState.ORDERED)).isEqualTo(Integer.MAX_VALUE);
            assertThat(s.get(l1, OrderState.EXCHANGE)).isEqualTo(1);
            assertThat(s.sku(l2)).isEqualTo(3);
            assertThat(s.unitCost(l2)).isEqualTo(-5);
            assertThat(s.get(l2, OrderState.ORDERED)).isEqualTo(2);
            assertThat(s.get(l2, OrderState.EXCHANGE)).isZero();
        }

        @Test
        void newLine_hasNoSkuNoUnitCostNoUnits_andNoSideObject() {
            OrderState s = new OrderState("O1");
            int l = s.line(LineId.of("L1"), new Codes<>());
            assertThat(s.sku(l)).isZero();
            assertThat(s.unitCost(l)).isEqualTo(OrderState.NONE);
            for (int field = OrderState.ORDERED; field <= OrderState.EXCHANGE; field++) {
                assertThat(s.get(l, field)).isZero();
            }
            s.add(l, OrderState.BACKORDERED, 0);
            assertThat(s.hasRare()).isFalse();
        }

        @Test
        void rareCounters_onALineAddedAfterTheSideObject_areKept() {
            Codes<LineId> ids = new Codes<>();
            OrderState s = new OrderState("O1");
            int l1 = s.line(LineId.of("L1"), ids);
            s.add(l1, OrderState.BACKORDERED, 2);
            assertThat(s.hasRare()).isTrue();
            int l2 = s.line(LineId.of("L2"), ids);
            assertThat(s.get(l2, OrderState.CANCEL_UNMET)).isZero();
            s.add(l2, OrderState.CANCEL_UNMET, 3);
            s.add(l2, OrderState.CANCEL_UNMET, 1);
            assertThat(s.get(l1, OrderState.BACKORDERED)).isEqualTo(2);
            assertThat(s.get(l2, OrderState.CANCEL_UNMET)).isEqualTo(4);
            assertThat(s.get(l2, OrderState.BACKORDERED)).isZero();
        }
    }

    @Nested
    class Merge {
        @Test
        void mergeFrom_otherCodeTables_recodesSkusChannelAndLocations() {
            Dictionaries mine = new Dictionaries();
            Dictionaries theirs = new Dictionaries();
            mine.skus.code(Sku.of("SKU-X"));
            mine.places.code("DC-WEST");
            OrderState t = new OrderState("O1");
            t.placed = true;
            t.channel = theirs.channels.code("app");
            int l = t.line(LineId.of("L1"), theirs.lineIds);
            t.sku(l, theirs.skus.code(Sku.of("SKU-1")));
            t.max(l, OrderState.ORDERED, 2);
            t.add(l, OrderState.CANCEL_WITHDRAW, 1);
            Fulfillment f = t.fulfillment("F1");
            f.location = theirs.places.code("DC-EAST");
            f.shippedSeen = true;
            f.shipped = new int[] {l, 2, theirs.skus.code(Sku.of("SKU-2"))};

            OrderState m = OrderState.sameOrder(t);
            m.mergeFrom(t, new Dictionaries.Recoder(theirs, mine));

            assertThat(mine.channels.value(m.channel)).isEqualTo("app");
            int ml = m.line(LineId.of("L1"), mine.lineIds);
            assertThat(m.lineCount()).isEqualTo(1);
            assertThat(mine.skus.value(m.sku(ml))).isEqualTo(Sku.of("SKU-1"));
            assertThat(m.get(ml, OrderState.ORDERED)).isEqualTo(2);
            assertThat(m.get(ml, OrderState.CANCEL_WITHDRAW)).isEqualTo(1);
            Fulfillment mf = m.fulfillments;
            assertThat(mine.places.value(mf.location)).isEqualTo("DC-EAST");
            assertThat(mine.skus.value(mf.partSku(0))).isEqualTo(Sku.of("SKU-2"));
            assertThat(mf.partLine(0)).isEqualTo(ml);
            assertThat(mf.next).isNull();
        }

        @Test
        void fulfillments_keptInFirstSightOrder_foundById() {
            OrderState s = new OrderState("O1");
            Fulfillment a = s.fulfillment("F2");
            Fulfillment b = s.fulfillment("F1");
            assertThat(s.fulfillment("F2")).isSameAs(a);
            assertThat(s.fulfillments).isSameAs(a);
            assertThat(a.next).isSameAs(b);
            assertThat(b.next).isNull();
        }
    }

    @Nested
    class Accumulator {
        private OrderPlaced placed(String id) {
            Currency usd = Currency.getInstance("USD");
            return new OrderPlaced(new EventId(id + "/1"), OrderId.of(id), 1, Instant.parse("2024-03-05T10:00:00Z"),
                    Channel.of(ChannelType.WEB), null, id, null, usd, null, null, null, null,
                    List.of(new LineSpec(LineId.of("L1"), Sku.of("SKU-1"), 1, new Money(100, usd), null)));
        }

        @Test
        void accept_idsOfEveryKind_oneStateEach_mergedCountsAgree() {
            List<String> ids = List.of("Aa", "BB", "O\u20ac1", "O\u00fc1", "O1");
            KpiAccumulator one = KpiAccumulator.create(KpiGenerators.AS_OF);
            KpiAccumulator a = KpiAccumulator.create(KpiGenerators.AS_OF);
            KpiAccumulator b = KpiAccumulator.create(KpiGenerators.AS_OF);
            for (String id : ids) {
                one.accept(placed(id));
                one.accept(placed(id));
                a.accept(placed(id));
                b.accept(placed(id));
            }
            assertThat(one.orderCount()).isEqualTo(5);
            KpiWindow march = new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-04-01"));
            assertThat(one.report(march).overall().placed()).isEqualTo(5);
            a.merge(b);
            assertThat(a.orderCount()).isEqualTo(5);
            assertThat(KpiReports.toJson(a.report(march))).isEqualTo(KpiReports.toJson(one.report(march)));
        }
    }
}
