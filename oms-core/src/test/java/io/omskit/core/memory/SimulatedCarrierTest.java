package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.RateQuote;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import io.omskit.spi.tck.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedCarrierTest {
    private static final GeoPoint HAMBURG = new GeoPoint(53.5511, 9.9937);
    private static final GeoPoint BERLIN = new GeoPoint(52.5200, 13.4050);
    private static final GeoPoint MUNICH = new GeoPoint(48.1351, 11.5820);

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final SimulatedCarrier carrier = SimulatedCarrier.ofDefaults(clock);

    private static ShipmentRequest request(String order, GeoPoint from, GeoPoint to, int units) {
        return new ShipmentRequest(OrderId.of(order), FulfillmentId.of("f-" + order), from,
                Address.at("dest", "DE", to), units);
    }

    private static List<TrackingStatus> statuses(List<TrackingEvent> events) {
        return events.stream().map(TrackingEvent::status).toList();
    }

    @Nested
    class Rates {
        @Test
        void quote_hamburgToBerlin_pricesGroundByDistance() {
            long km = (long) Math.ceil(HAMBURG.distanceKm(BERLIN)); // about 255 km

            List<RateQuote> quotes = carrier.quote(request("o1", HAMBURG, BERLIN, 1));

            assertThat(quotes).extracting(RateQuote::service).containsExactly("ground", "express", "overnight");
            assertThat(quotes.get(0).price().minorUnits()).isEqualTo(599 + (km * 50 + 99) / 100);
            assertThat(quotes.get(0).transitDays()).isEqualTo(2);
            assertThat(quotes.get(0).carrier()).isEqualTo("simcarrier");
        }

        @Test
        void quote_fartherDestination_costsMoreAndTakesLonger() {
            RateQuote near = carrier.quote(request("o1", HAMBURG, BERLIN, 1)).get(0);
            RateQuote far = carrier.quote(request("o2", HAMBURG, MUNICH, 1)).get(0);
            RateQuote veryFar = carrier.quote(request("o3", HAMBURG, new GeoPoint(40.4168, -3.7038), 1)).get(0);

            assertThat(far.price()).isGreaterThan(near.price());
            assertThat(veryFar.price()).isGreaterThan(far.price());
            assertThat(veryFar.transitDays()).isGreaterThan(near.transitDays());
        }

        @Test
        void quote_moreUnits_addsPerUnitSurcharge() {
            long one = carrier.quote(request("o1", HAMBURG, BERLIN, 1)).get(0).price().minorUnits();
            long four = carrier.quote(request("o1", HAMBURG, BERLIN, 4)).get(0).price().minorUnits();

            assertThat(four - one).isEqualTo(3 * 50);
        }

        @Test
        void quote_unknownOrigin_usesFallbackDistance() {
            SimulatedCarrier c = SimulatedCarrier.builder(clock).fallbackDistanceKm(0).build();

            assertThat(c.quote(request("o1", null, BERLIN, 1)).get(0).price().minorUnits()).isEqualTo(599);
        }
    }

    @Nested
    class Labels {
        @Test
        void createLabel_buysCheapestServiceWithSequentialTrackingNumber() {
            ShipmentRequest r = request("o1", HAMBURG, BERLIN, 1);

            ShippingLabel label = carrier.createLabel("k1", r);

            assertThat(label.service()).isEqualTo("ground");
            assertThat(label.cost()).isEqualTo(carrier.quote(r).get(0).price());
            assertThat(label.trackingNumber()).isEqualTo("SIM0000000001");
            assertThat(carrier.createLabel("k2", r).trackingNumber()).isEqualTo("SIM0000000002");
            assertThat(carrier.labelCount()).isEqualTo(2);
        }

        @Test
        void createLabel_repeatOfKeyWithEqualRequest_returnsAnEqualLabelAndBuysNothing() {
            ShippingLabel first = carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 2));
            clock.advance(Duration.ofHours(1));

            ShippingLabel again = carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 2)); // an equal request

            assertThat(again).isEqualTo(first);
            assertThat(carrier.labelCount()).isEqualTo(1);
            // the label's time is its first creation's
            assertThat(carrier.trackingEvents(first.trackingNumber()).get(0).at())
                    .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        }

        @Test
        void createLabel_keyRepeatedForTheSameShipmentWithOtherDetails_returnsTheFirstLabel() {
            ShipmentRequest r = request("o1", HAMBURG, BERLIN, 1);
            ShippingLabel first = carrier.createLabel("k1", r);

            // the engine rebuilds the request when it resumes: a location may have moved, an address been corrected
            List<ShipmentRequest> rebuilt = List.of(
                    new ShipmentRequest(r.orderId(), r.fulfillmentId(), MUNICH, r.destination(), 1),
                    new ShipmentRequest(r.orderId(), r.fulfillmentId(), null, r.destination(), 1),
                    new ShipmentRequest(r.orderId(), r.fulfillmentId(), r.origin(), Address.at("dest", "DE", MUNICH), 1),
                    new ShipmentRequest(r.orderId(), r.fulfillmentId(), r.origin(), r.destination(), 2));
            for (ShipmentRequest again : rebuilt) {
                assertThat(carrier.createLabel("k1", again)).isEqualTo(first);
            }
            assertThat(carrier.labelCount()).isEqualTo(1);
        }

        @Test
        void createLabel_keyReusedForAnotherFulfillment_isRefused() {
            ShipmentRequest r = request("o1", HAMBURG, BERLIN, 1);
            carrier.createLabel("k1", r);

            assertThatThrownBy(() -> carrier.createLabel("k1",
                    new ShipmentRequest(r.orderId(), FulfillmentId.of("other"), r.origin(), r.destination(), 1)))
                    .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThat(carrier.labelCount()).isEqualTo(1);
        }

        @Test
        void createLabel_keyReusedForOtherShipment_isRefused() {
            carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 1));

            assertThatThrownBy(() -> carrier.createLabel("k1", request("o2", HAMBURG, BERLIN, 1)))
                    .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThat(carrier.labelCount()).isEqualTo(1);
        }
    }

    @Nested
    class Tracking {
        @Test
        void trackingEvents_followTheClockToDelivery() {
            ShippingLabel label = carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 1));
            String tn = label.trackingNumber();

            assertThat(statuses(carrier.trackingEvents(tn))).containsExactly(TrackingStatus.LABEL_CREATED);
            clock.advance(Duration.ofHours(4));
            assertThat(statuses(carrier.trackingEvents(tn)))
                    .containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT);
            clock.advance(Duration.ofHours(44)); // t0 + 2 days: ground transit of 2 days
            List<TrackingEvent> all = carrier.trackingEvents(tn);

            assertThat(statuses(all)).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT,
                    TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
            assertThat(all.get(3).at()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
            assertThat(all).extracting(TrackingEvent::eventId)
                    .containsExactly(tn + "-1", tn + "-2", tn + "-3", tn + "-4");
            assertThat(carrier.trackingEvents(tn)).isEqualTo(all);
        }

        @Test
        void trackingEvents_numberNotIssued_isEmpty() {
            String tn = carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 1)).trackingNumber();

            assertThat(tn).isEqualTo("SIM0000000001");
            assertThat(carrier.trackingEvents("SIM00000000001")).isEmpty(); // padded further
            assertThat(carrier.trackingEvents("SIM000000001")).isEmpty(); // padded less
            assertThat(carrier.trackingEvents("XYZ0000000001")).isEmpty();
            assertThat(carrier.trackingEvents("SIM0000000002")).isEmpty(); // not yet issued
            assertThat(carrier.trackingEvents(tn)).isNotEmpty();
        }

        @Test
        void trackingEvents_failRule_endsInFailedDeliveryThenReturn() {
            SimulatedCarrier c = SimulatedCarrier.builder(clock).failDeliveryWhen(r -> r.units() > 3).build();
            String bulky = c.createLabel("k1", request("o1", HAMBURG, BERLIN, 5)).trackingNumber();
            String small = c.createLabel("k2", request("o2", HAMBURG, BERLIN, 1)).trackingNumber();

            clock.advance(Duration.ofDays(10));

            assertThat(statuses(c.trackingEvents(bulky))).containsExactly(TrackingStatus.LABEL_CREATED,
                    TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERY_FAILED,
                    TrackingStatus.RETURNED_TO_SENDER);
            assertThat(statuses(c.trackingEvents(small))).endsWith(TrackingStatus.DELIVERED);
        }

        @Test
        void trackingEvents_unknownNumber_isEmpty() {
            assertThat(carrier.trackingEvents("SIM9999999999")).isEmpty();
        }
    }

    @Nested
    class Peers {
        @Test
        void peer_knowsTheOthersKeysAndCountsOneSequence() {
            SimulatedCarrier peer = carrier.peer();
            ShipmentRequest r = request("o1", HAMBURG, BERLIN, 1);

            ShippingLabel first = carrier.createLabel("k1", r);

            assertThat(peer.createLabel("k1", r)).isEqualTo(first);
            assertThat(peer.createLabel("k2", r).trackingNumber()).isEqualTo("SIM0000000002");
            assertThat(carrier.labelCount()).isEqualTo(2);
            assertThat(peer.labelCount()).isEqualTo(2);
            assertThatThrownBy(() -> peer.createLabel("k1", request("o2", HAMBURG, BERLIN, 1)))
                    .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }

        @Test
        void peer_tracksTheOthersLabels_withItsConfiguration() {
            SimulatedCarrier c = SimulatedCarrier.builder(clock).carrierName("dhl-sim").trackingPrefix("JJD")
                    .failDeliveryWhen(r -> r.orderId().value().equals("o1")).build();
            SimulatedCarrier peer = c.peer();
            ShippingLabel label = c.createLabel("k1", request("o1", HAMBURG, BERLIN, 1));
            clock.advance(Duration.ofDays(10));

            assertThat(statuses(peer.trackingEvents(label.trackingNumber())))
                    .endsWith(TrackingStatus.RETURNED_TO_SENDER);
            assertThat(peer.trackingEvents(label.trackingNumber())).isEqualTo(c.trackingEvents(label.trackingNumber()));
            assertThat(peer.createLabel("k2", request("o2", HAMBURG, BERLIN, 1)).carrier()).isEqualTo("dhl-sim");
        }

        @Test
        void carriersBuiltApart_shareNothing() {
            ShippingLabel label = carrier.createLabel("k1", request("o1", HAMBURG, BERLIN, 1));
            SimulatedCarrier other = SimulatedCarrier.ofDefaults(clock);

            assertThat(other.trackingEvents(label.trackingNumber())).isEmpty();
            assertThat(other.createLabel("k1", request("o1", HAMBURG, BERLIN, 1)).trackingNumber())
                    .as("its own first label").isEqualTo(label.trackingNumber());
            assertThat(other.labelCount()).isEqualTo(1);
        }
    }

    @Nested
    class Configuration {
        @Test
        void builder_duplicateServiceNames_isRefused() {
            List<SimulatedCarrier.Service> s = SimulatedCarrier.Service.defaults(java.util.Currency.getInstance("EUR"));

            assertThatThrownBy(() -> SimulatedCarrier.builder(clock).services(List.of(s.get(0), s.get(0))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void builder_customNameAndPrefix_appearOnLabels() {
            SimulatedCarrier c = SimulatedCarrier.builder(clock).carrierName("dhl-sim").trackingPrefix("JJD")
                    .services(SimulatedCarrier.Service.defaults(java.util.Currency.getInstance("EUR"))).build();

            ShippingLabel label = c.createLabel("k", request("o1", HAMBURG, BERLIN, 1));

            assertThat(label.carrier()).isEqualTo("dhl-sim");
            assertThat(label.trackingNumber()).startsWith("JJD");
            assertThat(label.cost().currency().getCurrencyCode()).isEqualTo("EUR");
        }
    }
}
