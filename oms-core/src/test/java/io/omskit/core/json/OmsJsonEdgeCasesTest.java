package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.PaymentCaptured;
import org.junit.jupiter.api.Test;

/** Documents a review found mishandled by {@link OmsJson}, each with a test that failed before its fix. */
class OmsJsonEdgeCasesTest {
    private static final OmsJson JSON = OmsJson.standard();
    private static final String CAPTURE = "{\"type\":\"payment.captured.v1\",\"event_id\":\"o-7-1\",\"order_id\":\"o\","
            + "\"order_version\":7,\"occurred_at\":\"2024-03-04T19:20:11Z\","
            + "\"amount\":{\"amount\":\"AMT\",\"currency\":\"USD\"},\"provider_reference\":\"cap-1\"}";

    @Test
    void read_hugeAmount_isRefusedQuicklyWithAShortMessageNamingThePlace() {
        String json = CAPTURE.replace("AMT", "1" + "0".repeat(80_000));
        assertThatThrownBy(() -> JSON.readEvent(json)).isInstanceOf(OmsValidationException.class)
                .satisfies(ex -> assertThat(ex.getMessage()).contains("$.amount").hasSizeLessThan(300));
        assertThatThrownBy(() -> JSON.readEvent(CAPTURE.replace("AMT", "123456789012345678901234567890")))
                .isInstanceOf(OmsValidationException.class)
                .satisfies(ex -> assertThat(ex.getMessage()).contains("$.amount"));
    }

    @Test
    void read_versionOneDocumentCarryingAVersionTwoProperty_isRefusedNotRewritten() {
        String v1 = "{\"type\":\"fulfillment.created.v1\",\"event_id\":\"o-5-0\",\"order_id\":\"o\",\"order_version\":5,"
                + "\"occurred_at\":\"2024-03-04T15:51:11Z\",\"fulfillment_id\":\"f\",\"location\":\"l\",\"pickup\":false,"
                + "\"lines\":[{\"line_id\":\"a\",\"quantity\":1}],\"reservation_id\":\"r\",\"units_from\":\"PENDING\"}";
        assertThatThrownBy(() -> JSON.readEvent(v1)).isInstanceOf(OmsValidationException.class)
                .extracting(ex -> ((OmsValidationException) ex).code()).isEqualTo(OmsErrorCode.MALFORMED_JSON);
    }

    @Test
    void read_negativePaymentAmount_isRefused_zeroIsALedgerAmount() {
        assertThatThrownBy(() -> JSON.readEvent(CAPTURE.replace("AMT", "-5.00")))
                .isInstanceOf(OmsValidationException.class);
        assertThat(((PaymentCaptured) JSON.readEvent(CAPTURE.replace("AMT", "0.00"))).amount().isZero()).isTrue();
    }
}
