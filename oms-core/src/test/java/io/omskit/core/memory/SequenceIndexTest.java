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
        void put_fromFourThreads_everyRecordIsFoundByAnotherThread() throws Exception {
            SequenceIndex<Long> index = new SequenceIndex<>();
            AtomicLong sequence = new AtomicLong();
            int perThread = 20_000;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<long[]>> drawn = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    drawn.add(pool.submit(() -> {
                        start.await();
                        long[] mine = new long[perThread];
                        for (int i = 0; i < perThread; i++) {
                            long n = sequence.incrementAndGet();
                            index.put(n, n * 7);
                            mine[i] = n;
                        }
                        return mine;
                    }));
                }
                start.countDown();
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
