package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.FulfillmentStatus;
import org.junit.jupiter.api.Test;

class MermaidTest {

    @Test
    void orderLifecycle_printsStateDiagramWithStartAndEnds() {
        String m = OrderGraphs.orderLifecycle().toMermaid();
        assertThat(m).startsWith("stateDiagram-v2\n");
        assertThat(m).contains("    [*] --> PLACED\n", "    PLACED --> IN_REVIEW\n", "    CONFIRMED --> COMPLETED\n",
                "    COMPLETED --> CONFIRMED\n", "    CANCELLED --> [*]\n", "    REJECTED --> [*]\n");
        assertThat(m).doesNotContain("COMPLETED --> [*]");
    }

    @Test
    void everyTransition_appearsExactlyOnce() {
        for (StateGraph<?> g : new StateGraph<?>[] {OrderGraphs.orderLifecycle(), OrderGraphs.fulfillment(),
                OrderGraphs.returns(), OrderGraphs.buckets()}) {
            String m = g.toMermaid();
            for (StateGraph.Transition t : g.transitions()) {
                String arrow = "    " + t.from() + " --> " + t.to() + "\n";
                assertThat(m.indexOf(arrow)).as(arrow).isNotNegative().isEqualTo(m.lastIndexOf(arrow));
            }
            long arrows = m.lines().filter(l -> l.contains("-->")).count();
            long ends = m.lines().filter(l -> l.endsWith("--> [*]")).count();
            assertThat(arrows).isEqualTo(g.transitions().size() + 1 + ends);
        }
    }

    @Test
    void customState_isDescribedWithItsCategory() {
        String m = ExtensionTest.withQualityCheck().toMermaid();
        assertThat(m).contains("    QUALITY_CHECK : QUALITY_CHECK (category PACKED)\n",
                "    PACKED --> QUALITY_CHECK\n", "    QUALITY_CHECK --> SHIPPED\n");
        assertThat(m).doesNotContain("    PACKED --> SHIPPED\n");
        assertThat(OrderGraphs.fulfillment().toMermaid()).doesNotContain(" : ");
    }

    @Test
    void dot_listsEveryStateAndTransition() {
        StateGraph<FulfillmentStatus> g = ExtensionTest.withQualityCheck();
        String dot = g.toDot();
        assertThat(dot).startsWith("digraph fulfillment {\n").endsWith("}\n");
        assertThat(dot).contains("    PLANNED [style=bold];\n", "    QUALITY_CHECK [label=\"QUALITY_CHECK\\n(PACKED)\"];\n",
                "    PACKED -> QUALITY_CHECK;\n");
        assertThat(dot.lines().filter(l -> l.contains(" -> ")).count()).isEqualTo(g.transitions().size());
    }

    @Test
    void fulfillment_exactText() {
        String expected = String.join("\n",
                "stateDiagram-v2",
                "    %% fulfillment",
                "    [*] --> PLANNED",
                "    PLANNED --> RELEASED",
                "    PLANNED --> CANCELLED",
                "    RELEASED --> PICKING",
                "    RELEASED --> CANCELLED",
                "    PICKING --> PACKED",
                "    PICKING --> CANCELLED",
                "    PACKED --> SHIPPED",
                "    PACKED --> READY_FOR_PICKUP",
                "    PACKED --> CANCELLED",
                "    SHIPPED --> DELIVERED",
                "    SHIPPED --> DELIVERY_FAILED",
                "    SHIPPED --> LOST",
                "    DELIVERY_FAILED --> DELIVERED",
                "    DELIVERY_FAILED --> LOST",
                "    READY_FOR_PICKUP --> PICKED_UP",
                "    READY_FOR_PICKUP --> CANCELLED",
                "    DELIVERED --> [*]",
                "    LOST --> [*]",
                "    PICKED_UP --> [*]",
                "    CANCELLED --> [*]",
                "");
        assertThat(OrderGraphs.fulfillment().toMermaid()).isEqualTo(expected);
        assertThat(FulfillmentStatus.values()).hasSize(11);
    }
}
