package io.omskit.kpi;

import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;

import java.util.Currency;

/**
 * The code tables of one accumulator (see {@link Codes}): channel ids, location and carrier names, line ids, SKUs
 * and currencies. Not thread-safe.
 */
final class Dictionaries {
    final Codes<String> channels = new Codes<>();
    final Codes<String> places = new Codes<>();
    final Codes<LineId> lineIds = new Codes<>();
    final Codes<Sku> skus = new Codes<>();
    final Codes<Currency> currencies = new Codes<>();

    /**
     * Translates the codes of {@code from} into codes of {@code to} (giving new codes in {@code to} as needed), for
     * one merge. Not thread-safe.
     */
    static final class Recoder {
        final Dictionaries from;
        final Dictionaries to;
        private final int[] channels;
        private final int[] places;
        private final int[] skus;
        private final int[] currencies;

        Recoder(Dictionaries from, Dictionaries to) {
            this.from = from;
            this.to = to;
            this.channels = new int[from.channels.size()];
            this.places = new int[from.places.size()];
            this.skus = new int[from.skus.size()];
            this.currencies = new int[from.currencies.size()];
        }

        int channel(int code) {
            return to.channels.recode(from.channels, code, channels);
        }

        int place(int code) {
            return to.places.recode(from.places, code, places);
        }

        int sku(int code) {
            return to.skus.recode(from.skus, code, skus);
        }

        int currency(int code) {
            return to.currencies.recode(from.currencies, code, currencies);
        }

        LineId lineId(int code) {
            return from.lineIds.value(code);
        }
    }
}
