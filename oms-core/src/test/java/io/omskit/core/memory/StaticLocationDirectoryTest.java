package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticLocationDirectoryTest {
    private static final List<Location> NETWORK = StaticLocationDirectoryCompatibilityTest.NETWORK;

    @Test
    void construct_duplicateIds_isRefused() {
        List<Location> twice = List.of(NETWORK.get(0), NETWORK.get(1), NETWORK.get(0));

        assertThatThrownBy(() -> new StaticLocationDirectory(twice))
                .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.DUPLICATE_ID))
                .hasMessageContaining("DC-EAST");
    }

    @Test
    void construct_nullListOrElement_isRefusedAsMissing() {
        assertThatThrownBy(() -> new StaticLocationDirectory(null))
                .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
        assertThatThrownBy(() -> new StaticLocationDirectory(Arrays.asList(NETWORK.get(0), null)))
                .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
    }

    @Test
    void all_afterCallerMutatesInput_keepsOriginalOrder() {
        List<Location> input = new ArrayList<>(NETWORK);
        StaticLocationDirectory dir = StaticLocationDirectory.of(input);

        input.clear();

        assertThat(dir.all()).containsExactlyElementsOf(NETWORK);
        assertThat(dir.find(LocationId.of("STORE-9"))).contains(NETWORK.get(1));
        assertThat(dir.find(null)).isEmpty();
    }

    @Test
    void all_emptyNetwork_isEmpty() {
        assertThat(new StaticLocationDirectory(List.of()).all()).isEmpty();
    }
}
