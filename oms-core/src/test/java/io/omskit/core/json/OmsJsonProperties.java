package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.omskit.spi.event.OrderEvent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Round-trip properties: reading what was written gives back an equal value, for random values of every type. */
class OmsJsonProperties {
    private static final OmsJson COMPACT = OmsJson.standard();
    private static final OmsJson PRETTY = OmsJson.pretty();

    @Nested
    @DisplayName("events")
    class Events {
        @Test
        void generators_coverEveryPermittedEventClass() {
            Set<Class<?>> generated = new HashSet<>(JsonGenerators.eventsByClass().keySet());
            assertThat(generated).containsExactlyInAnyOrder(OrderEvent.class.getPermittedSubclasses());
        }

        @Test
        void readEvent_ofWrite_givesEqualEvent_forRandomEventsOfEveryType() {
            qt().withExamples(2_000).forAll(JsonGenerators.events()).checkAssert(e -> {
                String json = COMPACT.write(e);
                assertThat(COMPACT.readEvent(json)).isEqualTo(e);
                assertThat(json).doesNotContain("\n");
            });
        }

        @Test
        void readEvent_ofPrettyWrite_givesEqualEvent() {
            qt().withExamples(300).forAll(JsonGenerators.events())
                    .checkAssert(e -> assertThat(PRETTY.readEvent(PRETTY.write(e))).isEqualTo(e));
        }

        @Test
        void write_isDeterministic_andStableUnderReadWrite() {
            qt().withExamples(300).forAll(JsonGenerators.events()).checkAssert(e -> {
                String json = COMPACT.write(e);
                assertThat(COMPACT.write(COMPACT.readEvent(json))).isEqualTo(json);
            });
        }

        @Test
        void readLines_ofWriteLines_givesEqualList() {
            qt().withExamples(200).forAll(JsonGenerators.eventLists())
                    .checkAssert(list -> assertThat(COMPACT.readLines(PRETTY.writeLines(list))).isEqualTo(list));
        }
    }

    @Nested
    @DisplayName("snapshots")
    class Snapshots {
        @Test
        void readSnapshot_ofWriteSnapshot_givesEqualSnapshot() {
            qt().withExamples(300).forAll(JsonGenerators.snapshots())
                    .checkAssert(s -> assertThat(COMPACT.readSnapshot(COMPACT.writeSnapshot(s))).isEqualTo(s));
        }

        @Test
        void readSnapshot_ofPrettyWriteSnapshot_givesEqualSnapshot() {
            qt().withExamples(100).forAll(JsonGenerators.snapshots())
                    .checkAssert(s -> assertThat(PRETTY.readSnapshot(PRETTY.writeSnapshot(s))).isEqualTo(s));
        }
    }
}
