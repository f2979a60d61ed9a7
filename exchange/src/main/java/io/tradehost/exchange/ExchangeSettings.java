package io.tradehost.exchange;

import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.Listing;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a local exchange runs. Immutable.
 *
 * @param listen address to bind; loopback unless {@code allowRemote}
 * @param dataDirectory where it keeps its state, key and the files it writes for clients
 * @param seed the synthetic market's seed
 * @param listings the products it lists
 * @param keyType the kind of API key it issues on first start
 * @param tick how often the market moves
 * @param fundingInterval how often perpetual positions pay funding; zero for never
 * @param startingCash each quote currency's balance on a fresh exchange
 * @param takerFee fee rate for taking liquidity
 * @param makerFee fee rate for resting orders
 * @param pageSize the largest page the list endpoints return
 * @param strictAuth whether to refuse the older cloud-key JWT form
 * @param faults faults armed at start, as {@code name[:count[:millis]]}
 * @param allowRemote whether a non-loopback address may be bound
 */
public record ExchangeSettings(InetSocketAddress listen, Path dataDirectory, long seed, List<Listing> listings,
                               KeyType keyType, Duration tick, Duration fundingInterval, BigDecimal startingCash,
                               BigDecimal takerFee, BigDecimal makerFee, int pageSize, boolean strictAuth,
                               List<String> faults, boolean allowRemote) {
    public ExchangeSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        listings = List.copyOf(listings);
        faults = List.copyOf(faults);
        if (listings.isEmpty()) {
            throw new IllegalArgumentException("the exchange must list at least one product");
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive: " + tick);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be >= 1: " + pageSize);
        }
        if (!allowRemote && !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the exchange listens on loopback only (" + listen.getAddress()
                    .getHostAddress() + " is not); pass --allow-remote to bind it anyway");
        }
    }

    /** Defaults on {@code listen}: every default listing, Ed25519 keys, 250 ms ticks, Coinbase's base fees. */
    public static ExchangeSettings defaults(InetSocketAddress listen, Path dataDirectory) {
        return new ExchangeSettings(listen, dataDirectory, 1, Listing.DEFAULTS, KeyType.ED25519,
                Duration.ofMillis(250), Duration.ofHours(1), new BigDecimal("100000"), new BigDecimal("0.006"),
                new BigDecimal("0.004"), 100, false, List.of(), false);
    }

    public ExchangeSettings withListings(List<Listing> chosen) {
        return new ExchangeSettings(listen, dataDirectory, seed, chosen, keyType, tick, fundingInterval, startingCash,
                takerFee, makerFee, pageSize, strictAuth, faults, allowRemote);
    }

    public ExchangeSettings withPageSize(int size) {
        return new ExchangeSettings(listen, dataDirectory, seed, listings, keyType, tick, fundingInterval,
                startingCash, takerFee, makerFee, size, strictAuth, faults, allowRemote);
    }

    public ExchangeSettings withKeyType(KeyType type) {
        return new ExchangeSettings(listen, dataDirectory, seed, listings, type, tick, fundingInterval, startingCash,
                takerFee, makerFee, pageSize, strictAuth, faults, allowRemote);
    }

    public ExchangeSettings withTick(Duration interval) {
        return new ExchangeSettings(listen, dataDirectory, seed, listings, keyType, interval, fundingInterval,
                startingCash, takerFee, makerFee, pageSize, strictAuth, faults, allowRemote);
    }
}
