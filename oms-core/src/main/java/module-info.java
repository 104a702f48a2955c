/**
 * omskit core: state machines, the order engine, in-memory reference adapters and JSON.
 */
module io.omskit.core {
    requires transitive io.omskit.spi;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports io.omskit.core;
    exports io.omskit.core.json;
    exports io.omskit.core.memory;
}
