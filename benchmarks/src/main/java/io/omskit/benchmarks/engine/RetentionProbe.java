package io.omskit.benchmarks.engine;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;

/**
 * What each complete order leaves in the engine's in-memory stores, per store and per class: objects and bytes.
 * Drives {@code orders} orders through one {@link EngineFixture}, then drops the adapters one at a time (payment
 * gateway, carrier, fraud screener, inventory store, order store last) and diffs the live class histograms taken
 * before and after each drop ({@code jcmd GC.class_histogram}'s diagnostic command, a full collection each), minus
 * the same for an engine that took no order. An object shared by two stores counts for the one dropped last, so the
 * order store's share includes what it shares with the adapters (the fraud assessment, the payment references).
 *
 * <pre>
 * java -Xms3g -Xmx3g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *     io.omskit.benchmarks.engine.RetentionProbe [strategy=min_cost] [orders=100000]
 * </pre>
 *
 * <p>Reaches the engine's private adapter fields by reflection (a measuring tool, on the class path only). Not
 * thread-safe; a command-line tool.
 */
public final class RetentionProbe {
    private static final String[] STORES = {"payments", "carriers", "fraud", "inventory", "orders"};

    private RetentionProbe() {
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String strategy = args.length > 0 ? args[0] : "min_cost";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Map<String, Map<String, long[]>> empty = perStore(strategy, 0);
        Map<String, Map<String, long[]>> full = perStore(strategy, orders);
        long objects = 0;
        long bytes = 0;
        for (String store : STORES) {
            Map<String, long[]> d = minus(full.get(store), empty.get(store));
            for (long[] v : d.values()) {
                objects += v[0];
                bytes += v[1];
            }
            print(store, d, orders);
        }
        System.out.println(String.format(Locale.ROOT, "total retained per order (%s, %d orders): %.2f objects, %.0f B",
                strategy, orders, objects / (double) orders, bytes / (double) orders));
    }

    /** Per store, what dropping it freed (class name to objects and bytes), after {@code orders} orders. */
    private static Map<String, Map<String, long[]>> perStore(String strategy, int orders) throws Exception {
        EngineFixture fixture = new EngineFixture(strategy);
        for (int i = 1; i <= orders; i++) {
            fixture.lifecycle(i);
        }
        Map<String, Map<String, long[]>> out = new LinkedHashMap<>();
        Map<String, long[]> before = histogram();
        for (String store : STORES) {
            clear(fixture.oms, store);
            if (store.equals("inventory")) {
                clear(fixture, "inventory");
            }
            Map<String, long[]> after = histogram();
            out.put(store, minus(before, after));
            before = after;
        }
        return out;
    }

    private static void clear(Object owner, String field) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(owner, null);
    }

    /** The live objects per class: count and bytes, after a full collection. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 4 && p[0].endsWith(":")) {
                m.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
            }
        }
        return m;
    }

    private static Map<String, long[]> minus(Map<String, long[]> a, Map<String, long[]> b) {
        Map<String, long[]> m = new HashMap<>();
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            long[] x = a.getOrDefault(k, new long[2]);
            long[] y = b.getOrDefault(k, new long[2]);
            m.put(k, new long[] {x[0] - y[0], x[1] - y[1]});
        }
        return m;
    }

    private static void print(String store, Map<String, long[]> d, int orders) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(d.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        long objects = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> e : rows) {
            objects += e.getValue()[0];
            bytes += e.getValue()[1];
        }
        System.out.println(String.format(Locale.ROOT, "%s: %.2f objects, %.0f B per order", store,
                objects / (double) orders, bytes / (double) orders));
        for (Map.Entry<String, long[]> e : rows) {
            double o = e.getValue()[0] / (double) orders;
            if (Math.abs(o) >= 0.05) {
                System.out.println(String.format(Locale.ROOT, "  %8.2f objects %8.1f B  %s", o,
                        e.getValue()[1] / (double) orders, e.getKey()));
            }
        }
    }
}
