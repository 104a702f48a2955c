/**
 * omskit routing: implementations of the {@code FulfillmentRouter} port (priority, distance, fewest splits,
 * minimum cost, whole lines) and the JSON form of routing requests and plans.
 */
module io.omskit.routing {
    requires transitive io.omskit.spi;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports io.omskit.routing;
}
