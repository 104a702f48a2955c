package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every public command of OrderService answers missing or invalid arguments with a typed error and changes nothing. */
class OrderServiceBadInputTest {
    @Test
    void everyCommand_missingOrInvalidArgument_isATypedErrorAndChangesNothing() {
        EngineFixture f = new EngineFixture();
        f.stock(EngineFixture.EAST, "SKU-A", 10);
        OrderService oms = f.engine();
        OrderId id = OrderId.of("ORD-1");
        oms.place(EngineFixture.order(id.value(), "SKU-A", 3));
        oms.verify(id);
        OrderSnapshot before = oms.route(id);
        FulfillmentId f1 = before.fulfillments().get(0).id();
        LineId line = before.lines().get(0).id();
        int events = oms.history(id).size();

        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("get(null)", () -> oms.get(null));
        calls.put("find(null)", () -> oms.find(null));
        calls.put("history(null)", () -> oms.history(null));
        calls.put("verify(null)", () -> oms.verify(null));
        calls.put("resume(null)", () -> oms.resume(null));
        calls.put("place(null)", () -> oms.place(null));
        calls.put("recordTracking(event null)", () -> oms.recordTracking(id, f1, null));
        calls.put("placeHold(hold id null)", () -> oms.placeHold(id, null, HoldType.MANUAL, "r", "a"));
        calls.put("releaseHold(hold id null)", () -> oms.releaseHold(id, null, "a"));
        calls.put("cancelLine(line null)", () -> oms.cancelLine(id, null, 1, Initiator.CUSTOMER, "r"));
        calls.put("cancelLine(quantity 0)", () -> oms.cancelLine(id, line, 0, Initiator.CUSTOMER, "r"));
        calls.put("cancel(initiator null)", () -> oms.cancel(id, null, "r"));
        calls.put("ship(fulfillment null)", () -> oms.ship(id, null));
        calls.put("declareLost(fulfillment null)", () -> oms.declareLost(id, null, "r"));
        calls.put("closeReturn(return null)", () -> oms.closeReturn(id, null, null));
        calls.put("pick(picked null)", () -> oms.pick(id, f1, null));
        calls.put("requestReturn(items null)", () -> oms.requestReturn(id, ReturnId.of("R1"), null));
        calls.put("exchange(replacements null)", () -> oms.exchange(id, ReturnId.of("R1"), List.of(), null));

        StringBuilder untyped = new StringBuilder();
        calls.forEach((name, call) -> {
            Throwable t = catchThrowable(call::run);
            if (!(t instanceof OmsException)) {
                untyped.append(name).append(" -> ").append(t).append('\n');
            }
        });
        assertThat(untyped.toString()).as("calls answered without a typed OmsException").isEmpty();
        // a location the directory does not know: refused before the order is read (its units would be restocked
        // nowhere), with or without the version the caller saw
        assertThat(catchThrowable(() -> oms.receiveReturn(id, ReturnId.of("R1"), LocationId.of("NOWHERE"),
                List.of(new OrderCommand.ReceivedItem(line, 1)))))
                .isInstanceOfSatisfying(OmsException.class,
                        e -> assertThat(e.code()).isEqualTo(OmsErrorCode.UNKNOWN_LOCATION));
        assertThat(catchThrowable(() -> oms.receiveReturn(id, ReturnId.of("R1"), LocationId.of("NOWHERE"),
                List.of(new OrderCommand.ReceivedItem(line, 1)), before.version())))
                .isInstanceOfSatisfying(OmsException.class,
                        e -> assertThat(e.code()).isEqualTo(OmsErrorCode.UNKNOWN_LOCATION));
        assertThat(oms.get(id)).isEqualTo(before);
        assertThat(oms.get(id)).isEqualTo(before);
        assertThat(oms.history(id)).hasSize(events);
    }

    @Test
    void amounts_ofAReplayedOrderWithALineInAnotherCurrency_areRefused_notAddedAsTheOrdersUnits() {
        OrderId id = OrderId.of("O-1");
        OrderPlaced placed = new OrderPlaced(EventId.of(id, 1, 0), id, 1, Instant.parse("2026-03-02T08:00:00Z"),
                Channel.of(ChannelType.WEB), null, "idem-1", null, EngineFixture.USD, null, null, null, null,
                List.of(new LineSpec(LineId.of("L1"), Sku.of("SKU-1"), 2, Money.ofMinor(1000, "JPY"), null)));
        OrderSnapshot s = OrderDecider.standard().replay(List.of(placed)); // replay does not check line currencies
        assertThat(catchThrowable(() -> OrderService.chargeable(s)))
                .isInstanceOfSatisfying(OmsException.class,
                        e -> assertThat(e.code()).isEqualTo(OmsErrorCode.CURRENCY_MISMATCH));
    }
}
