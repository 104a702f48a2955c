package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.ProviderException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How database failures become typed errors, and what a configuration refuses. */
class TransactionsTest {

    @Nested
    @DisplayName("SQL failures become OmsExceptions")
    class Translation {

        private OmsException translate(String state) {
            return Transactions.translate("order X", new SQLException("boom", state));
        }

        @Test
        void lostConnectionOrTerminatedSession_isProviderError() {
            for (String state : new String[] {"08006", "08003", "57P01", "57P02", "53300", null}) {
                OmsException e = translate(state);
                assertThat(e).as("SQLState %s", state).isInstanceOf(ProviderException.class);
                assertThat(e.code()).isEqualTo(OmsErrorCode.PROVIDER_ERROR);
                assertThat(e.getMessage()).contains("order X").doesNotContain("boom");
            }
        }

        @Test
        void statementTimeoutOrExhaustedPool_isProviderTimeout() {
            assertThat(translate("57014").code()).isEqualTo(OmsErrorCode.PROVIDER_TIMEOUT);
            assertThat(Transactions.translate("order X", new SQLTransientConnectionException("pool empty")).code())
                    .isEqualTo(OmsErrorCode.PROVIDER_TIMEOUT);
        }

        @Test
        void valuesTheDatabaseCannotHold_areValidationErrors() {
            assertThat(translate("22003")).isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
            assertThat(translate("22P05").code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(translate("23505").code()).isEqualTo(OmsErrorCode.DUPLICATE_ID);
        }
    }

    @Nested
    @DisplayName("a configuration is checked when made")
    class Configuration {

        @Test
        void nonPostgresUrlOrBadSchemaOrPool_isRefused() {
            assertThatThrownBy(() -> PostgresConfig.of("jdbc:mysql://x/y")).isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.CONFIGURATION));
            assertThatThrownBy(() -> PostgresConfig.of("jdbc:postgresql://x/y").withSchema("x; DROP TABLE t"))
                    .isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(() -> PostgresConfig.of("jdbc:postgresql://x/y").withPoolSize(0))
                    .isInstanceOf(OmsValidationException.class);
        }

        @Test
        void toString_hidesUrlParameters() {
            assertThat(PostgresConfig.of("jdbc:postgresql://h/db?user=u&password=secret").toString())
                    .doesNotContain("secret").contains("jdbc:postgresql://h/db");
        }
    }

    @Test
    void operationQuantities_areCanonicalJson() {
        assertThat(PostgresInventoryStore.quantitiesJson(java.util.Map.of(io.omskit.spi.model.Sku.of("b\"q"), 2,
                io.omskit.spi.model.Sku.of("a\\"), 1))).isEqualTo("{\"a\\\\\":1,\"b\\\"q\":2}");
    }
}
