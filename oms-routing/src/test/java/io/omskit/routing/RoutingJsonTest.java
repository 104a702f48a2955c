package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RoutingJsonTest {
    static final String EXAMPLE = "{\n"
            + "  \"strategy\": \"min_cost\",\n"
            + "  \"locations\": [\n"
            + "    {\"id\": \"DC-EAST\", \"lat\": 40.71, \"lon\": -74.0, \"priority\": 1, \"enabled\": true,\n"
            + "     \"stock\": {\"SKU-1\": 12, \"SKU-2\": 0},\n"
            + "     \"reserved\": {\"SKU-1\": 2},\n"
            + "     \"safety_stock\": 1,\n"
            + "     \"unit_cost\": 0.40,\n"
            + "     \"shipment_fixed_cost\": 5.0,\n"
            + "     \"capacity_units\": 100}\n"
            + "  ],\n"
            + "  \"order\": {\n"
            + "    \"lines\": [{\"sku\": \"SKU-1\", \"qty\": 3}],\n"
            + "    \"destination\": {\"lat\": 42.36, \"lon\": -71.06},\n"
            + "    \"excluded_locations\": [\"STORE-9\"],\n"
            + "    \"pickup_location\": null\n"
            + "  },\n"
            + "  \"options\": {\"allow_partial\": false, \"max_shipments\": null},\n"
            + "  \"cost_model\": {\"package_base\": 2.0, \"package_per_km\": 0.002, \"unit_per_km\": 0.0005,\n"
            + "                 \"unfilled_penalty_per_unit\": 50.0}\n"
            + "}";

    private static OmsErrorCode codeOf(String json) {
        try {
            RoutingJson.readRequest(json);
        } catch (OmsValidationException e) {
            return e.code();
        }
        return null;
    }

    @Nested
    class Reading {
        @Test
        void readRequest_formatExample_mapsEveryField() {
            RoutingRequest r = RoutingJson.readRequest(EXAMPLE);
            assertThat(r.strategy()).isEqualTo("min_cost");
            assertThat(r.locations()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(LocationId.of("DC-EAST"));
                assertThat(c.available(Sku.of("SKU-1"))).isEqualTo(9);
                assertThat(c.capacityUnits()).isEqualTo(100);
                assertThat(c.unitCost()).isEqualTo(0.40);
            });
            assertThat(r.excludedLocations()).containsExactly(LocationId.of("STORE-9"));
            assertThat(r.options().maxShipments()).isEqualTo(Integer.MAX_VALUE);
            assertThat(r.costModel().unfilledPenaltyPerUnit()).isEqualTo(50.0);
        }

        @Test
        void readRequest_stream_readsTheSame() {
            RoutingRequest r = RoutingJson.readRequest(new ByteArrayInputStream(EXAMPLE.getBytes(StandardCharsets.UTF_8)));
            assertThat(r).isEqualTo(RoutingJson.readRequest(EXAMPLE));
        }

        @Test
        void readRequest_defaults_applyWhenFieldsAreMissing() {
            RoutingRequest r = RoutingJson.readRequest("{\"strategy\":\"priority\",\"locations\":[{\"id\":\"A\"}],"
                    + "\"order\":{\"lines\":[]}}");
            assertThat(r.locations().get(0).enabled()).isTrue();
            assertThat(r.locations().get(0).capacityUnits()).isEqualTo(Integer.MAX_VALUE);
            assertThat(r.locations().get(0).position()).isNull();
            assertThat(r.options().allowPartial()).isFalse();
        }

        @Test
        void readRequest_malformedJson_isMalformedJson() {
            assertThat(codeOf("{\"strategy\": ")).isEqualTo(OmsErrorCode.MALFORMED_JSON);
            assertThat(codeOf("{\"strategy\":\"a\",\"strategy\":\"b\"}")).isEqualTo(OmsErrorCode.MALFORMED_JSON);
            assertThat(codeOf("{} {}")).isEqualTo(OmsErrorCode.MALFORMED_JSON);
        }

        @Test
        void readRequest_badValues_nameTheField() {
            assertThatThrownBy(() -> RoutingJson.readRequest(EXAMPLE.replace("\"qty\": 3", "\"qty\": 1.5")))
                    .isInstanceOf(OmsValidationException.class).hasMessageContaining("order.lines[0].qty")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
            assertThatThrownBy(() -> RoutingJson.readRequest(EXAMPLE.replace("\"SKU-1\": 12", "\"SKU-1\": -1")))
                    .hasMessageContaining("locations[0].stock.SKU-1")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
            assertThatThrownBy(() -> RoutingJson.readRequest(EXAMPLE.replace("\"lat\": 40.71", "\"lat\": 140.71")))
                    .hasMessageContaining("locations[0]")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThatThrownBy(() -> RoutingJson.readRequest(EXAMPLE.replace("\"unit_cost\"", "\"unit_costs\"")))
                    .hasMessageContaining("locations[0].unit_costs")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(EXAMPLE.replace("\"max_shipments\": null", "\"max_shipments\": 0")))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(EXAMPLE.replace("\"package_base\": 2.0", "\"package_base\": -2.0")))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(EXAMPLE.replace("\"enabled\": true", "\"enabled\": \"yes\"")))
                    .isEqualTo(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void readRequest_duplicateLocationId_isDuplicateId() {
            String two = EXAMPLE.replace("\"capacity_units\": 100}", "\"capacity_units\": 100}, {\"id\": \"DC-EAST\"}");
            assertThat(codeOf(two)).isEqualTo(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void readRequest_zeroQuantity_isLeftToTheRouter() {
            RoutingRequest r = RoutingJson.readRequest(EXAMPLE.replace("\"qty\": 3", "\"qty\": 0"));
            RoutingPlan plan = Router.standard().route(r);
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }
    }

    @Nested
    class Writing {
        @Test
        void write_examplePlan_usesSnakeCaseAndLowerCaseStatus() {
            String json = RoutingJson.write(Router.standard().route(RoutingJson.readRequest(EXAMPLE)));
            assertThat(json).contains("\"status\" : \"ok\"", "\"strategy\" : \"min_cost\"", "\"unfilled_penalty\"",
                    "\"binding_constraints\"", "\"runner_up_cost\" : null", "\"error\" : null",
                    "\"location\" : \"DC-EAST\"", "\"qty\" : 3", "\"optimal\" : true");
        }

        @Test
        void write_rejectedPlan_carriesTheError() {
            RoutingPlan plan = Router.standard().route(RoutingJson.readRequest(EXAMPLE.replace("\"qty\": 3", "\"qty\": 30")));
            assertThat(plan.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(RoutingJson.write(plan)).contains("\"code\" : \"INSUFFICIENT_STOCK\"", "\"allocation\" : [ ]");
        }

        @Test
        void writeRequest_readRequest_roundTrips() {
            Random rnd = new Random(3);
            for (int i = 0; i < 200; i++) {
                RoutingRequest r = Instances.random(rnd, "min_cost", 1 + rnd.nextInt(6), 1 + rnd.nextInt(3), 3, 5);
                assertThat(RoutingJson.readRequest(RoutingJson.writeRequest(r))).isEqualTo(r);
            }
        }
    }
}
