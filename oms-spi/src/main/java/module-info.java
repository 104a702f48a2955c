/**
 * omskit SPI: the model, the domain events and the ports a host implements. Depends on nothing but the JDK.
 */
module io.omskit.spi {
    exports io.omskit.spi;
    exports io.omskit.spi.model;
    exports io.omskit.spi.event;
    exports io.omskit.spi.port;
}
