package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.OrderEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event documents of version 1 (written by earlier builds) read as the current records. */
class UpcastsTest {
    private static final OmsJson JSON = OmsJson.standard();
    private static final ObjectMapper TREE = new ObjectMapper();

    /** The v2 sample written, its v2-only properties removed and its type renamed: what a v1 build wrote. */
    private static String v1(String type, String... v2Only) throws Exception {
        ObjectNode n = (ObjectNode) TREE.readTree(JSON.write(Samples.events().get(type)));
        for (String p : v2Only) {
            n.remove(p);
        }
        n.put("type", type.replace(".v2", ".v1"));
        return TREE.writeValueAsString(n);
    }

    @Test
    void readEvent_v1Creation_movesNoUnits() throws Exception {
        FulfillmentCreated expected = (FulfillmentCreated) Samples.events().get(FulfillmentCreated.TYPE);
        FulfillmentCreated read = JSON.readEvent(v1(FulfillmentCreated.TYPE, "units_from"), FulfillmentCreated.class);
        assertThat(read.unitsFrom()).isNull();
        assertThat(read.lines()).isEqualTo(expected.lines());
        assertThat(read.eventId()).isEqualTo(expected.eventId());
    }

    @Test
    void readEvent_v1Shipment_movesNoUnits() throws Exception {
        FulfillmentShipped expected = (FulfillmentShipped) Samples.events().get(FulfillmentShipped.TYPE);
        FulfillmentShipped read = JSON.readEvent(v1(FulfillmentShipped.TYPE, "units_from"), FulfillmentShipped.class);
        assertThat(read.unitsFrom()).isNull();
        assertThat(read.lines()).isEqualTo(expected.lines());
    }

    @Test
    void readEvent_v1DeliveryAndStateChange_carryNoLines() throws Exception {
        FulfillmentDelivered d = JSON.readEvent(v1(FulfillmentDelivered.TYPE, "lines"), FulfillmentDelivered.class);
        assertThat(d.lines()).isEmpty();
        FulfillmentStateChanged expected = (FulfillmentStateChanged) Samples.events().get(FulfillmentStateChanged.TYPE);
        FulfillmentStateChanged c = JSON.readEvent(v1(FulfillmentStateChanged.TYPE, "lines", "from_status"),
                FulfillmentStateChanged.class);
        assertThat(c.lines()).isEmpty();
        assertThat(c.fromStatus()).isEqualTo(expected.fromStatus());
        assertThat(c.toState()).isEqualTo(expected.toState());
    }

    @Test
    void readEvent_v1StateChangeFromACustomState_isInvalid() throws Exception {
        String doc = v1(FulfillmentStateChanged.TYPE, "lines", "from_status").replace("\"PLANNED\"", "\"QUALITY_CHECK\"");
        assertThatThrownBy(() -> JSON.readEvent(doc)).isInstanceOf(OmsValidationException.class)
                .hasMessageContaining("built-in")
                .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
    }

    @Test
    void readEvent_currentVersions_areReadAsBefore() {
        for (String type : List.of(FulfillmentCreated.TYPE, FulfillmentShipped.TYPE, FulfillmentDelivered.TYPE,
                FulfillmentStateChanged.TYPE)) {
            OrderEvent e = Samples.events().get(type);
            assertThat(JSON.readEvent(JSON.write(e))).isEqualTo(e);
        }
    }
}
