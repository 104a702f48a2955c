package io.omskit.spi.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateLocationTest {
    private static final LocationId S1 = LocationId.of("S1");
    private static final Sku A = Sku.of("SKU-A");

    private static CandidateLocation at(Map<Sku, Integer> stock, Map<Sku, Integer> reserved, double unit,
                                        double fixed) {
        return new CandidateLocation(S1, null, 1, true, false, stock, reserved, 0, unit, fixed, Integer.MAX_VALUE);
    }

    @Test
    void negativeReserved_isRefused_itWouldAddStock() {
        assertThatThrownBy(() -> at(Map.of(A, 1), Map.of(A, -5), 0, 0))
                .isInstanceOfSatisfying(OmsValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
                    assertThat(e.getMessage()).contains("reserved at S1");
                });
    }

    @Test
    void negativeStock_isRefused() {
        assertThatThrownBy(() -> at(Map.of(A, -1), Map.of(), 0, 0))
                .isInstanceOfSatisfying(OmsValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
    }

    @Test
    void missingSkuOrCount_isRefusedWithACode_notANullPointer() {
        Map<Sku, Integer> nullCount = new HashMap<>();
        nullCount.put(A, null);
        Map<Sku, Integer> nullSku = new HashMap<>();
        nullSku.put(null, 1);
        for (Map<Sku, Integer> bad : java.util.List.of(nullCount, nullSku)) {
            assertThatThrownBy(() -> at(bad, Map.of(), 0, 0))
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThatThrownBy(() -> at(Map.of(A, 1), bad, 0, 0))
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
        }
        assertThatThrownBy(() -> at(Map.of(A, 1), nullSku, 0, 0)).hasMessage("MISSING_VALUE: SKU of reserved at S1 is required");
        assertThatThrownBy(() -> at(nullSku, Map.of(), 0, 0)).hasMessage("MISSING_VALUE: SKU of stock at S1 is required");
    }

    @Test
    void negativeNaNOrInfiniteCosts_areRefused() {
        for (double bad : new double[] {-5, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> at(Map.of(A, 1), Map.of(), bad, 0))
                    .as("unit cost %s", bad).isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThatThrownBy(() -> at(Map.of(A, 1), Map.of(), 0, bad))
                    .as("fixed cost %s", bad).isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }
    }

    @Test
    void location_negativeNaNOrInfiniteCosts_areRefusedWhenTheDirectoryIsBuilt_notWhenAnOrderIsRouted() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new Location(S1, "s1", LocationType.STORE, null, true, true, true, 1,
                    Integer.MAX_VALUE, 0, bad, 0)).as("unit cost %s", bad)
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThatThrownBy(() -> new Location(S1, "s1", LocationType.STORE, null, true, true, true, 1,
                    Integer.MAX_VALUE, 0, 0, bad)).as("fixed cost %s", bad)
                    .isInstanceOfSatisfying(OmsValidationException.class,
                            e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }
    }

    @Test
    void goodValues_areKept_andMutableMapsCopied() {
        Map<Sku, Integer> stock = new HashMap<>(Map.of(A, 3));
        CandidateLocation c = at(stock, Map.of(A, 1), 0.5, 2.0);
        stock.put(A, 100);
        assertThat(c.stock()).containsEntry(A, 3);
        assertThat(c.available(A)).isEqualTo(2);
        assertThat(c.unitCost()).isEqualTo(0.5);
        assertThat(c.shipmentFixedCost()).isEqualTo(2.0);
    }
}
