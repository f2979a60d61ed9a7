package io.tradehost.exchange.http;

import io.tradehost.exchange.engine.Listing;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the public v2 currency endpoints say about the currencies of the listed products: fiat ones
 * (the quote currencies Coinbase counts as fiat, and always USD, the default base of the exchange
 * rates) with a name and minimum size; crypto ones (every other currency of a listed product) with
 * a name, colour, exponent and address pattern. Asset ids are name-based UUIDs of the local
 * exchange, not Coinbase's. Immutable.
 */
final class CurrencyCatalog {
    /** What a client is told about a fiat currency. */
    record Fiat(String id, String name, String minSize) {
    }

    /** What a client is told about a crypto currency. */
    record Crypto(String code, String name, String color, int sortIndex, int exponent, String addressRegex,
                  UUID assetId) {
    }

    private record Known(String name, String color, int exponent, String addressRegex) {
    }

    private static final Map<String, String> FIAT_NAMES = Map.of("USD", "US Dollar", "EUR", "Euro",
            "GBP", "British Pound", "CAD", "Canadian Dollar", "SGD", "Singapore Dollar");
    private static final String EVM_ADDRESS = "^(?:0x)?[0-9a-fA-F]{40}$";
    private static final Map<String, Known> KNOWN = Map.of(
            "BTC", new Known("Bitcoin", "#F7931A", 8, "^([13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[02-9ac-hj-np-z]{11,71})$"),
            "ETH", new Known("Ethereum", "#627EEA", 8, EVM_ADDRESS),
            "SOL", new Known("Solana", "#9945FF", 9, "^[1-9A-HJ-NP-Za-km-z]{32,44}$"),
            "USDC", new Known("USDC", "#2775CA", 6, EVM_ADDRESS));

    private final List<Fiat> fiat;
    private final List<Crypto> crypto;

    CurrencyCatalog(List<Listing> listings) {
        Set<String> fiatIds = new LinkedHashSet<>(List.of("USD"));
        Set<String> cryptoCodes = new LinkedHashSet<>();
        for (Listing l : listings) {
            for (String c : List.of(l.base(), l.quote())) {
                (FIAT_NAMES.containsKey(c) ? fiatIds : cryptoCodes).add(c);
            }
        }
        fiat = fiatIds.stream().map(id -> new Fiat(id, FIAT_NAMES.get(id), "0.01")).toList();
        int[] sort = {100};
        crypto = cryptoCodes.stream().map(code -> crypto(code, sort[0]++, listings)).toList();
    }

    private static Crypto crypto(String code, int sortIndex, List<Listing> listings) {
        // never fewer decimals than the finest lot a listed product trades the currency in
        int lotScale = listings.stream().filter(l -> l.base().equals(code))
                .mapToInt(l -> Math.max(0, l.baseIncrement().stripTrailingZeros().scale())).max().orElse(0);
        Known k = KNOWN.getOrDefault(code, new Known(code, "#5B616E", 8, "^[0-9A-Za-z]{20,100}$"));
        return new Crypto(code, k.name(), k.color(), sortIndex, Math.max(k.exponent(), lotScale), k.addressRegex(),
                UUID.nameUUIDFromBytes(("tradehost-local-exchange/asset/" + code).getBytes(StandardCharsets.UTF_8)));
    }

    List<Fiat> fiat() {
        return fiat;
    }

    List<Crypto> crypto() {
        return crypto;
    }

    /** The fiat currency {@code id}, if the exchange knows it. */
    Optional<Fiat> fiat(String id) {
        return fiat.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The crypto currency {@code code}, if a listed product trades it. */
    Optional<Crypto> crypto(String code) {
        return crypto.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Every currency code, fiat first, in a stable order. */
    Set<String> codes() {
        Set<String> all = new LinkedHashSet<>();
        fiat.forEach(f -> all.add(f.id()));
        crypto.forEach(c -> all.add(c.code()));
        return all;
    }
}
