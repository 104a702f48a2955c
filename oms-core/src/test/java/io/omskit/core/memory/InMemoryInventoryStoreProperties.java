package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.omskit.spi.InventoryException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stateful property: random command lists run against the store and against a plain sequential model; after
 * every step the levels agree and the invariants hold (reserved within on hand, units conserved).
 *
 * <p>Each command is one generated integer decoded into an operation, a location, a SKU, a quantity and a
 * reservation slot, so QuickTheories shrinks a failing list towards fewer and smaller commands.
 */
class InMemoryInventoryStoreProperties {
    private static final List<LocationId> LOCATIONS = List.of(LocationId.of("L0"), LocationId.of("L1"));
    private static final List<Sku> SKUS = List.of(Sku.of("S0"), Sku.of("S1"));

    /** The model: levels per (location, sku) and units held per reservation. */
    private static final class Model {
        final Map<String, int[]> levels = new HashMap<>();
        final Map<String, LocationId> reservationLocation = new HashMap<>();
        final Map<String, Map<Sku, Integer>> held = new HashMap<>();

        int[] level(LocationId l, Sku s) {
            return levels.computeIfAbsent(l.value() + "/" + s.value(), k -> new int[2]);
        }
    }

    private record Restock(String opId, LocationId location, Sku sku, int quantity) {
    }

    @Test
    void randomCommandLists_agreeWithModelAndKeepInvariants() {
        qt().withExamples(300)
                .forAll(lists().of(integers().between(0, 99_999)).ofSizeBetween(1, 60))
                .checkAssert(InMemoryInventoryStoreProperties::run);
    }

    private static void run(List<Integer> commands) {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        Model model = new Model();
        int step = 0;
        Restock lastRestock = null;
        for (int c : commands) {
            step++;
            int op = c % 5;
            LocationId l = LOCATIONS.get((c / 5) % 2);
            Sku s = SKUS.get((c / 10) % 2);
            int qty = 1 + (c / 20) % 4;
            String res = "r" + (c / 80) % 6;
            String opId = "op" + step;
            switch (op) {
                case 0 -> {
                    store.restock(opId, l, s, qty);
                    model.level(l, s)[0] += qty;
                    lastRestock = new Restock(opId, l, s, qty);
                }
                case 1 -> reserve(store, model, res, l, s, qty);
                case 2, 3 -> settle(store, model, op == 3, opId, res, s, qty);
                default -> {
                    // a repeat of the last restock (same operation id, same content) must change nothing
                    if (lastRestock != null) {
                        store.restock(lastRestock.opId(), lastRestock.location(), lastRestock.sku(),
                                lastRestock.quantity());
                    }
                }
            }
            check(store, model, step);
        }
    }

    private static void reserve(InMemoryInventoryStore store, Model model, String res, LocationId l, Sku s, int qty) {
        if (model.reservationLocation.containsKey(res)) {
            return; // reservation ids are single-use in this model; conflicts are covered by the kit
        }
        int[] lv = model.level(l, s);
        boolean fits = lv[0] - lv[1] >= qty;
        ReservationResult r = store.reserve(res, l, Map.of(s, qty));
        assertThat(r.reserved()).isEqualTo(fits);
        model.reservationLocation.put(res, l);
        Map<Sku, Integer> h = new HashMap<>();
        if (fits) {
            lv[1] += qty;
            h.put(s, qty);
        }
        model.held.put(res, h);
    }

    private static void settle(InMemoryInventoryStore store, Model model, boolean consume, String opId, String res,
                               Sku s, int qty) {
        Map<Sku, Integer> h = model.held.get(res);
        Runnable call = consume ? () -> store.consume(opId, res, Map.of(s, qty))
                : () -> store.release(opId, res, Map.of(s, qty));
        if (h == null) {
            assertThatThrownBy(call::run).isInstanceOf(InventoryException.class);
            return;
        }
        if (h.getOrDefault(s, 0) < qty) {
            assertThatThrownBy(call::run).isInstanceOf(InventoryException.class);
            return;
        }
        call.run();
        h.merge(s, -qty, Integer::sum);
        int[] lv = model.level(model.reservationLocation.get(res), s);
        lv[1] -= qty;
        if (consume) {
            lv[0] -= qty;
        }
    }

    private static void check(InMemoryInventoryStore store, Model model, int step) {
        for (LocationId l : LOCATIONS) {
            for (Sku s : SKUS) {
                int[] lv = model.level(l, s);
                StockLevel actual = store.level(l, s);
                assertThat(actual).as("step %d: %s at %s", step, s, l).isEqualTo(new StockLevel(lv[0], lv[1]));
                assertThat(actual.reserved()).isLessThanOrEqualTo(actual.onHand());
            }
        }
        assertThat(store.totals().conserved()).as("step %d: %s", step, store.totals()).isTrue();
    }
}
