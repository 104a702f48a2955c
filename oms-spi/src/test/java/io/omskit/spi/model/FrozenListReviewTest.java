package io.omskit.spi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsValidationException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Review of 11b53a5..8c9754e: the engine's empty lists are FrozenLists now, and OrderSnapshot reads its lists first.
 * They behave as List.of's did (mutators refused, no null looked up), except that they are not serializable (nothing
 * the engine puts in them is), and a list that cannot be read is named after the components before it.
 */
class FrozenListReviewTest {
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    @Nested
    class EmptyList {
        @Test
        void list_ofAnEmptyMutableList_refusesEveryMutator_asListOfDid() {
            List<String> copy = Checks.list(new ArrayList<>(), "xs"); // 039a1b8: List.of(); HEAD: FrozenList.empty()
            assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> copy.addAll(List.of())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> copy.removeIf(x -> true)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void list_ofAnEmptyMutableList_containsNull_throwsAsListOfDid() {
            List<String> copy = Checks.list(new ArrayList<>(), "xs");
            assertThatThrownBy(() -> copy.contains(null)).isInstanceOf(NullPointerException.class); // HEAD: false
        }
    }

    @Nested
    class SnapshotCheckOrder {
        /** A list that cannot be read (a lazy view whose source is gone, say). */
        private final List<OrderLine> unreadable = new AbstractList<>() {
            @Override
            public OrderLine get(int index) {
                throw new IllegalStateException("source closed");
            }

            @Override
            public int size() {
                throw new IllegalStateException("source closed");
            }
        };

        @Test
        void construct_missingIdAndAnUnreadableList_namesTheIdFirst() {
            OrderPlacement placement = new OrderPlacement(Channel.of(ChannelType.WEB), null, "key-1", null,
                    Currency.getInstance("USD"), null, null, null, AT, null);
            // 039a1b8: MISSING_VALUE "order id is required" (the compact constructor checked the head first);
            // HEAD: IllegalStateException from the list, read by listOrNull before any check
            assertThatThrownBy(() -> new OrderSnapshot(null, 1, "PLACED", OrderStatus.PLACED, placement, unreadable,
                    List.of(), List.of(), List.of(), List.of(), null, AT, null))
                    .isInstanceOf(OmsValidationException.class).hasMessageEndingWith("order id is required");
        }
    }
}
