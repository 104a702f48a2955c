package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompactMapTest {
    private final CompactMap<String, Integer> map = new CompactMap<>();

    /** A key whose hash is the same for every instance: every key collides in one stripe and one probe chain. */
    private record Colliding(int n) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Nested
    class SingleThread {
        @Test
        void get_afterManyPuts_findsEveryValueAndNothingElse() {
            for (int i = 0; i < 50_000; i++) { // every stripe grows many times
                assertThat(map.putIfAbsent("k" + i, i)).isNull();
            }

            for (int i = 0; i < 50_000; i++) {
                assertThat(map.get("k" + i)).isEqualTo(i);
            }
            assertThat(map.get("k50000")).isNull();
            assertThat(map.containsKey("k-1")).isFalse();
            assertThat(map.size()).isEqualTo(50_000);
        }

        @Test
        void putIfAbsent_presentKey_keepsTheFirstValueAndReturnsIt() {
            map.putIfAbsent("a", 1);

            assertThat(map.putIfAbsent(new String("a"), 2)).isEqualTo(1); // an equal key, not the same instance
            assertThat(map.get("a")).isEqualTo(1);
            assertThat(map.size()).isEqualTo(1);
        }

        @Test
        void compute_replacesInsertsAndSeesTheOldValue() {
            map.compute("a", (k, v) -> v == null ? 1 : v + 1);
            map.compute("a", (k, v) -> v == null ? 1 : v + 1);
            map.compute("b", (k, v) -> v == null ? 10 : v + 1);

            assertThat(map.get("a")).isEqualTo(2);
            assertThat(map.get("b")).isEqualTo(10);
            assertThat(map.size()).isEqualTo(2);
        }

        @Test
        void compute_throwing_changesNothing() {
            map.putIfAbsent("a", 1);

            assertThatThrownBy(() -> map.compute("a", (k, v) -> {
                throw new IllegalStateException("no");
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> map.compute("b", (k, v) -> {
                throw new IllegalStateException("no");
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> map.computeIfAbsent("c", k -> {
                throw new IllegalStateException("no");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(map.get("a")).isEqualTo(1);
            assertThat(map.get("b")).isNull();
            assertThat(map.get("c")).isNull();
            assertThat(map.size()).isEqualTo(1);
        }

        @Test
        void computeAndComputeIfAbsent_manyNewKeys_growTheStripesAndKeepEveryEntry() {
            // new keys through both functions' insert path, across many index and chunk growths
            for (int i = 0; i < 5_000; i++) {
                int n = i;
                assertThat(map.compute("c" + i, (k, v) -> v == null ? n : -1)).isEqualTo(i);
                assertThat(map.computeIfAbsent("a" + i, k -> n + 1)).isEqualTo(i + 1);
            }
            for (int i = 0; i < 5_000; i++) {
                assertThat(map.get("c" + i)).isEqualTo(i);
                assertThat(map.get("a" + i)).isEqualTo(i + 1);
            }
            assertThat(map.size()).isEqualTo(10_000);
            assertThat(map.computeIfAbsent("a0", k -> 5)).isEqualTo(1);
        }

        @Test
        void computeIfAbsent_presentKey_doesNotCallTheFunction() {
            map.putIfAbsent("a", 1);
            AtomicInteger calls = new AtomicInteger();

            assertThat(map.computeIfAbsent("a", k -> calls.incrementAndGet())).isEqualTo(1);
            assertThat(map.computeIfAbsent("b", k -> calls.incrementAndGet() + 10)).isEqualTo(11);
            assertThat(calls).hasValue(1);
        }

        @Test
        void keysWithOneHash_areAllKeptApart() {
            CompactMap<Colliding, Integer> colliding = new CompactMap<>();
            for (int i = 0; i < 500; i++) {
                colliding.putIfAbsent(new Colliding(i), i);
            }
            colliding.compute(new Colliding(7), (k, v) -> v * 100);

            for (int i = 0; i < 500; i++) {
                assertThat(colliding.get(new Colliding(i))).isEqualTo(i == 7 ? 700 : i);
            }
            assertThat(colliding.get(new Colliding(500))).isNull();
        }

        @Test
        void forEach_visitsEveryEntryOnce() {
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < 3_000; i++) {
                map.putIfAbsent("k" + i, i);
                expected.put("k" + i, i);
            }
            Map<String, Integer> seen = new HashMap<>();

            map.forEach((k, v) -> assertThat(seen.put(k, v)).isNull());

            assertThat(seen).isEqualTo(expected);
        }

        @Test
        void nullKeyOrValue_isRefused() {
            assertThatThrownBy(() -> map.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.putIfAbsent(null, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.putIfAbsent("a", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> map.compute("a", (k, v) -> null)).isInstanceOf(NullPointerException.class);
            assertThat(map.size()).isZero();
        }
    }

    @Nested
    class FunctionsCallingTheMap {
        @Test
        void compute_whoseFunctionChangesTheMap_throwsAndChangesNothing() {
            assertThatThrownBy(() -> map.compute("a", (k, v) -> {
                map.putIfAbsent("b", 2);
                return 1;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("recursive update");
            assertThat(map.get("a")).isNull();
            assertThat(map.get("b")).isNull();
            assertThat(map.size()).isZero();
        }

        @Test
        void computeIfAbsent_whoseFunctionComputesTheSameKey_throwsAndChangesNothing() {
            assertThatThrownBy(() -> map.computeIfAbsent("a", k -> map.computeIfAbsent("a", k2 -> 2)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(map.get("a")).isNull();
        }

        @Test
        void compute_whoseFunctionComputesAKeyOfAnyStripe_throws() {
            for (int i = 0; i < 64; i++) { // keys of every stripe, the function's own among them
                String other = "k" + i;
                assertThatThrownBy(() -> map.compute("a", (k, v) -> map.compute(other, (k2, v2) -> 1)))
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThat(map.size()).isZero();
        }

        @Test
        void function_askingTheSize_throws() {
            assertThatThrownBy(() -> map.compute("a", (k, v) -> map.size())).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void function_readingTheMap_isAllowed() {
            map.putIfAbsent("x", 7);
            assertThat(map.compute("a", (k, v) -> map.get("x") + 1)).isEqualTo(8);
            assertThat(map.computeIfAbsent("b", k -> map.get("a") + 1)).isEqualTo(9);
        }

        @Test
        void function_changingAnotherMap_isAllowed() {
            CompactMap<String, Integer> other = new CompactMap<>();
            assertThat(map.compute("a", (k, v) -> other.compute("a", (k2, v2) -> 5) + 1)).isEqualTo(6);
            assertThat(other.get("a")).isEqualTo(5);
        }

        @Test
        void afterARefusedCall_theThreadMayChangeTheMapAgain() {
            assertThatThrownBy(() -> map.compute("a", (k, v) -> map.putIfAbsent("b", 1)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(map.putIfAbsent("b", 1)).isNull();
            assertThat(map.compute("a", (k, v) -> 3)).isEqualTo(3);
            assertThat(map.size()).isEqualTo(2);
        }
    }

    @Nested
    class ByteArrayKeys {
        @Test
        void forEach_inAMapThatDoesNotPack_givesTheByteArrayKeysBack() {
            CompactMap<byte[], Integer> bytes = new CompactMap<>();
            byte[] key = {1, 2, 3};
            bytes.putIfAbsent(key, 1);
            List<byte[]> seen = new ArrayList<>();
            bytes.forEach((k, v) -> seen.add(k));
            assertThat(seen).containsExactly(key);
            assertThat(bytes.get(key)).isEqualTo(1);
            assertThat(bytes.get(new byte[] {1, 2, 3})).isNull(); // arrays are equal only to themselves
        }
    }

    @Nested
    class PackedStringKeys {
        private final CompactMap<String, Integer> packed = CompactMap.withPackedStringKeys();

        @Test
        void get_equalStringsOfAnyChars_findTheirValuesAfterGrowth() {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                // ASCII, Latin-1 beyond ASCII (bytes that are negative as Java bytes), and chars beyond Latin-1
                keys.add(switch (i % 3) {
                    case 0 -> "order-" + i + ":auth";
                    case 1 -> "\u00ff\u00e9-" + i;
                    default -> "\u043a\u043b\u044e\u0447-" + i;
                });
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(packed.putIfAbsent(keys.get(i), i)).isNull();
            }

            for (int i = 0; i < keys.size(); i++) {
                assertThat(packed.get(new String(keys.get(i).toCharArray()))).isEqualTo(i);
            }
            assertThat(packed.get("order-0:aut")).isNull(); // a prefix
            assertThat(packed.get("order-0:auth2")).isNull(); // longer
            assertThat(packed.get("\u00ff\u00e8-1")).isNull(); // one char differs
            assertThat(packed.get("\u01ff\u00e9-1")).isNull(); // the same low byte, beyond Latin-1
            assertThat(packed.size()).isEqualTo(20_000);
        }

        @Test
        void forEach_givesTheKeysBackAsEqualStrings() {
            packed.putIfAbsent("plain", 1);
            packed.putIfAbsent("\u00e9t\u00e9", 2);
            packed.putIfAbsent("\u20ac", 3);
            Map<String, Integer> seen = new HashMap<>();

            packed.forEach(seen::put);

            assertThat(seen).isEqualTo(Map.of("plain", 1, "\u00e9t\u00e9", 2, "\u20ac", 3));
        }

        @Test
        void computeAndComputeIfAbsent_onPackedKeys_seeOneEntryPerKey() {
            packed.compute("k", (k, v) -> v == null ? 1 : v + 1);
            packed.compute(new String("k"), (k, v) -> v == null ? 1 : v + 1);
            assertThat(packed.computeIfAbsent("k", k -> 99)).isEqualTo(2);
            assertThat(packed.size()).isEqualTo(1);
        }
    }

    @Nested
    class Concurrency {
        @Test
        void writersAndAReaderOnThreads_loseNothingAndReadOnlyPublishedValues() throws Exception {
            int writers = 4;
            int perThread = 40_000;
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try {
                CountDownLatch start = new CountDownLatch(1);
                AtomicLong[] last = new AtomicLong[writers];
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int me = w;
                    last[w] = new AtomicLong(-1);
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            map.putIfAbsent(me + ":" + i, i);
                            // every writer also counts on one shared key: compute serializes them
                            map.compute("shared", (k, v) -> v == null ? 1 : v + 1);
                            last[me].set(i);
                        }
                        return null;
                    }));
                }
                Future<long[]> reader = pool.submit(() -> {
                    start.await();
                    long checked = 0;
                    long wrong = 0;
                    do { // at least one pass, even if the writers were done before this thread ran
                        for (int w = 0; w < writers; w++) {
                            long i = last[w].get();
                            if (i >= 0) {
                                checked++;
                                Integer got = map.get(w + ":" + i);
                                if (got == null || got != i) {
                                    wrong++;
                                }
                            }
                        }
                    } while (writing.get());
                    return new long[] {checked, wrong};
                });
                start.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                writing.set(false);
                long[] read = reader.get(60, TimeUnit.SECONDS);
                assertThat(read[1]).as("reads of completed puts that missed, of %d", read[0]).isZero();
                assertThat(read[0]).isPositive();
                for (int w = 0; w < writers; w++) {
                    for (int i = 0; i < perThread; i++) {
                        assertThat(map.get(w + ":" + i)).isEqualTo(i);
                    }
                }
                assertThat(map.get("shared")).isEqualTo(writers * perThread);
                assertThat(map.size()).isEqualTo(writers * perThread + 1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void computeIfAbsentOfOneKeyOnThreads_makesItsValueOnce() throws Exception {
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                AtomicInteger made = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Integer>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        List<Integer> got = new ArrayList<>();
                        for (int i = 0; i < 2_000; i++) {
                            got.add(map.computeIfAbsent("key" + i, k -> made.incrementAndGet()));
                        }
                        return got;
                    }));
                }
                start.countDown();
                List<Integer> first = results.get(0).get(60, TimeUnit.SECONDS);
                for (Future<List<Integer>> f : results) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(first); // every thread got the same values
                }
                assertThat(made).hasValue(2_000);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
