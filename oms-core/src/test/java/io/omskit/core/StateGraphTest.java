package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnStatus;
import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateGraphTest {

    @Nested
    class BuiltInGraphs {
        @Test
        void orderLifecycle_hasTheDocumentedTable() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle();
            assertThat(g.initial()).isEqualTo("PLACED");
            assertThat(g.targets("PLACED")).containsExactly("IN_REVIEW", "CONFIRMED", "REJECTED", "CANCELLED");
            assertThat(g.targets("IN_REVIEW")).containsExactly("CONFIRMED", "REJECTED", "CANCELLED");
            assertThat(g.targets("CONFIRMED")).containsExactly("COMPLETED", "CANCELLED");
            assertThat(g.targets("COMPLETED")).containsExactly("CONFIRMED");
            assertThat(g.targets("CANCELLED")).isEmpty();
            assertThat(g.targets("REJECTED")).isEmpty();
            assertThat(g.transitions()).hasSize(10);
        }

        @Test
        void orderLifecycle_terminalStatesHaveNoExit() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle();
            for (OrderStatus s : OrderStatus.values()) {
                assertThat(g.targets(s.name()).isEmpty()).as(s.name()).isEqualTo(s.terminal());
            }
        }

        @Test
        void fulfillment_terminalStatesHaveNoExit_andShippedCannotBeCancelled() {
            StateGraph<FulfillmentStatus> g = OrderGraphs.fulfillment();
            for (FulfillmentStatus s : FulfillmentStatus.values()) {
                assertThat(g.targets(s.name()).isEmpty()).as(s.name()).isEqualTo(s.terminal());
            }
            assertThat(g.canTransition(FulfillmentStatus.SHIPPED, FulfillmentStatus.CANCELLED)).isFalse();
            assertThat(g.canTransition(FulfillmentStatus.PACKED, FulfillmentStatus.READY_FOR_PICKUP)).isTrue();
            assertThat(g.canTransition("DELIVERY_FAILED", "DELIVERED")).isTrue();
        }

        @Test
        void fulfillment_everyTransitionMovesUnitsAlongALegalBucketMove() {
            StateGraph<FulfillmentStatus> g = OrderGraphs.fulfillment();
            StateGraph<Bucket> b = OrderGraphs.buckets();
            for (StateGraph.Transition t : g.transitions()) {
                Bucket from = g.category(t.from()).bucket();
                Bucket to = g.category(t.to()).bucket();
                assertThat(from == to || b.canTransition(from, to)).as(t.toString()).isTrue();
            }
        }

        @Test
        void returns_terminalStatesHaveNoExit() {
            StateGraph<ReturnStatus> g = OrderGraphs.returns();
            for (ReturnStatus s : ReturnStatus.values()) {
                assertThat(g.targets(s.name()).isEmpty()).as(s.name()).isEqualTo(s.terminal());
            }
        }

        @Test
        void buckets_terminalBucketsOnlyLeaveForReturns() {
            StateGraph<Bucket> g = OrderGraphs.buckets();
            for (Bucket b : Bucket.values()) {
                if (b.terminal()) {
                    assertThat(g.targets(b.name())).as(b.name()).isSubsetOf("RETURN_REQUESTED");
                }
            }
            assertThat(g.canTransition(Bucket.SHIPPED, Bucket.CANCELLED)).isFalse();
            assertThat(g.canTransition(Bucket.PENDING, Bucket.SHIPPED)).isFalse();
        }

        @Test
        void builtInStates_areNamedAfterTheirCategory() {
            StateGraph<Bucket> g = OrderGraphs.buckets();
            for (Bucket b : EnumSet.allOf(Bucket.class)) {
                assertThat(g.category(b.name())).isEqualTo(b);
                assertThat(g.isCustom(b.name())).isFalse();
            }
        }

        @Test
        void sameInstance_onEveryCall() {
            assertThat(OrderGraphs.fulfillment()).isSameAs(OrderGraphs.fulfillment());
        }
    }

    @Nested
    class Lookups {
        @Test
        void unknownState_hasNoTargets_andCannotTransition() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle();
            assertThat(g.targets("NOPE")).isEmpty();
            assertThat(g.targets(null)).isEmpty();
            assertThat(g.canTransition("NOPE", "PLACED")).isFalse();
            assertThat(g.canTransition((String) null, null)).isFalse();
            assertThat(g.hasState("NOPE")).isFalse();
            assertThat(g.categoryOf("NOPE")).isEmpty();
        }

        @Test
        void category_ofUnknownState_isInvalidValue() {
            assertThatThrownBy(() -> OrderGraphs.orderLifecycle().category("NOPE"))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("NOPE");
        }

        @Test
        void viewsAreUnmodifiable() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle();
            assertThatThrownBy(() -> g.states().add("X")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> g.targets("PLACED").clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> g.transitions().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Builder {
        @Test
        void toBuilder_addsCustomStateWithoutChangingTheOriginal() {
            StateGraph<FulfillmentStatus> base = OrderGraphs.fulfillment();
            StateGraph<FulfillmentStatus> g = base.toBuilder().state("QUALITY_CHECK", FulfillmentStatus.PACKED)
                    .transition("PACKED", "QUALITY_CHECK").build();
            assertThat(g.category("QUALITY_CHECK")).isEqualTo(FulfillmentStatus.PACKED);
            assertThat(g.isCustom("QUALITY_CHECK")).isTrue();
            assertThat(g.canTransition("PACKED", "QUALITY_CHECK")).isTrue();
            assertThat(base.hasState("QUALITY_CHECK")).isFalse();
            assertThat(base.canTransition("PACKED", "QUALITY_CHECK")).isFalse();
        }

        @Test
        void builderChanges_afterBuild_doNotLeakIntoTheGraph() {
            StateGraph.Builder<OrderStatus> b = OrderGraphs.orderLifecycle().toBuilder();
            StateGraph<OrderStatus> g = b.build();
            b.removeTransition("PLACED", "CANCELLED");
            assertThat(g.canTransition("PLACED", "CANCELLED")).isTrue();
            assertThat(b.build().canTransition("PLACED", "CANCELLED")).isFalse();
        }

        @Test
        void transition_toUnknownState_isRefused() {
            assertThatThrownBy(() -> OrderGraphs.orderLifecycle().toBuilder().transition("PLACED", "NOPE"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
        }

        @Test
        void state_duplicateOrMalformedName_isRefused() {
            StateGraph.Builder<OrderStatus> b = OrderGraphs.orderLifecycle().toBuilder();
            assertThatThrownBy(() -> b.state("PLACED", OrderStatus.PLACED)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.state("has space", OrderStatus.PLACED))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.state("", OrderStatus.PLACED)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.state("X".repeat(65), OrderStatus.PLACED))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void addingAnExistingTransition_isANoOp() {
            StateGraph<OrderStatus> g = OrderGraphs.orderLifecycle().toBuilder().transition("PLACED", "IN_REVIEW").build();
            assertThat(g.transitions()).hasSameSizeAs(OrderGraphs.orderLifecycle().transitions());
        }

        @Test
        void newGraph_fromScratch_hasAllCategoryStatesAndNoTransitions() {
            StateGraph<ReturnStatus> g = StateGraph.builder("r", ReturnStatus.class, ReturnStatus.REQUESTED).build();
            assertThat(g.states()).hasSize(ReturnStatus.values().length);
            assertThat(g.transitions()).isEmpty();
            assertThat(g.name()).isEqualTo("r");
            assertThat(g.categoryType()).isEqualTo(ReturnStatus.class);
        }
    }
}
