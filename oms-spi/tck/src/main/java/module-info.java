/**
 * omskit SPI contract test kits: one abstract JUnit 5 class per port that an adapter author extends. Brings the
 * JUnit Jupiter API only; the user chooses the engine.
 */
module io.omskit.spi.tck {
    requires transitive io.omskit.spi;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.omskit.spi.tck;
    // JUnit instantiates the kits' nested test classes reflectively: needed when the kits run on the module path
    opens io.omskit.spi.tck to org.junit.platform.commons;
}
