package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SequenceIndexTest {

    @Nested
    class Parse {
        @Test
        void parse_prefixAndNumber_givesTheNumber() {
            assertThat(SequenceIndex.parse("sim-auth-1", "sim-auth-", 1)).isEqualTo(1);
            assertThat(SequenceIndex.parse("sim-auth-40961", "sim-auth-", 1)).isEqualTo(40_961);
            assertThat(SequenceIndex.parse("SIM0000000042", "SIM", 10)).isEqualTo(42);
            assertThat(SequenceIndex.parse("SIM12345678901", "SIM", 10)).isEqualTo(12_345_678_901L);
        }

        @Test
        void parse_textNotIssuedThatWay_isMinusOne() {
            assertThat(SequenceIndex.parse("sim-auth-01", "sim-auth-", 1)).isEqualTo(-1); // extra leading zero
            assertThat(SequenceIndex.parse("sim-auth-", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("sim-cap-1", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("sim-auth-1x", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("sim-auth--1", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("sim-auth-+1", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("sim-auth-1234567890123456789", "sim-auth-", 1)).isEqualTo(-1);
            assertThat(SequenceIndex.parse("SIM000000042", "SIM", 10)).isEqualTo(-1); // too few digits
            assertThat(SequenceIndex.parse("SIM00000000042", "SIM", 10)).isEqualTo(-1); // padded too far
            assertThat(SequenceIndex.parse("XIM0000000042", "SIM", 10)).isEqualTo(-1);
        }
    }

    @Nested
    class Slots {
        @Test
        void get_afterPut_givesTheRecord_andEmptySlotsGiveNull() {
            SequenceIndex<String> index = new SequenceIndex<>();

            index.put(1, "a");
            index.put(5_000, "b");
            index.put(1_000_000, "c");

            assertThat(index.get(1)).isEqualTo("a");
            assertThat(index.get(5_000)).isEqualTo("b");
            assertThat(index.get(1_000_000)).isEqualTo("c");
            assertThat(index.get(2)).isNull();
            assertThat(index.get(0)).isNull();
            assertThat(index.get(-1)).isNull();
            assertThat(index.get(Long.MAX_VALUE)).isNull();
        }

        @Test
        void put_numberOutOfRange_isRefused() {
            SequenceIndex<String> index = new SequenceIndex<>();

            assertThatThrownBy(() -> index.put(0, "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.put(Long.MAX_VALUE, "x")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void put_fromFourThreads_everyRecordIsFoundByAnotherThreadAlsoWhileTheyWrite() throws Exception {
            SequenceIndex<Long> index = new SequenceIndex<>();
            AtomicLong sequence = new AtomicLong();
            int perThread = 20_000;
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<long[]>> drawn = new ArrayList<>();
                // each writer's last stored number, published after its put: a reader running beside the writers
                // (while chunks are added and the directory grows) must find it
                java.util.concurrent.atomic.AtomicLongArray last = new java.util.concurrent.atomic.AtomicLongArray(4);
                java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
                for (int t = 0; t < 4; t++) {
                    int w = t;
                    drawn.add(pool.submit(() -> {
                        start.await();
                        long[] mine = new long[perThread];
                        for (int i = 0; i < perThread; i++) {
                            long n = sequence.incrementAndGet();
                            index.put(n, n * 7);
                            last.set(w, n);
                            mine[i] = n;
                        }
                        return mine;
                    }));
                }
                Future<long[]> reader = pool.submit(() -> {
                    start.await();
                    long checked = 0;
                    long wrong = 0;
                    do { // at least one pass, even if the writers were done before this thread ran
                        for (int w = 0; w < 4; w++) {
                            long n = last.get(w);
                            if (n > 0) {
                                checked++;
                                Long got = index.get(n);
                                if (got == null || got != n * 7) {
                                    wrong++;
                                }
                            }
                        }
                    } while (writing.get());
                    return new long[] {checked, wrong};
                });
                start.countDown();
                for (Future<long[]> f : drawn) {
                    f.get(30, TimeUnit.SECONDS);
                }
                writing.set(false);
                long[] read = reader.get(30, TimeUnit.SECONDS);
                assertThat(read[1]).as("reads of published numbers that missed, of %d", read[0]).isZero();
                assertThat(read[0]).isPositive();
                for (Future<long[]> f : drawn) {
                    for (long n : f.get(30, TimeUnit.SECONDS)) {
                        assertThat(index.get(n)).isEqualTo(n * 7);
                    }
                }
                assertThat(index.get(4L * perThread + 1)).isNull();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
