/**
 * omskit KPIs: calculators over domain events and inventory snapshots (perfect order, fill rates, cycle times,
 * return, cancellation and backorder rates, inventory turnover), mergeable across shards, with an importer of
 * order-history JSON Lines and a JSON / text report.
 */
module io.omskit.kpi {
    requires transitive io.omskit.spi;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires HdrHistogram;

    exports io.omskit.kpi;
}
