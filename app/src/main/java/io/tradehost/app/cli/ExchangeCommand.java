package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigLoader;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.fault.FaultPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tradehost exchange}: runs the local Coinbase-compatible exchange on loopback until SIGINT
 * or SIGTERM, and writes {@code credentials.env} and {@code tradehost.toml} (a host configuration
 * that trades {@code coinbase} against it) into its data directory.
 */
@Command(name = "exchange", mixinStandardHelpOptions = true,
        description = "Run a local Coinbase Advanced Trade compatible exchange on loopback (REST, both WebSocket"
                + " feeds, JWT auth, fault injection) to try a setup end to end before using real keys.")
public final class ExchangeCommand implements Callable<Integer> {
    /** The host configuration file written for clients. */
    public static final String HOST_CONFIG_FILE = "tradehost.toml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18080",
            description = "Address to listen on, loopback unless --allow-remote (default: ${DEFAULT-VALUE})")
    private String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true,
            description = "Where the exchange keeps its book, key and the files it writes for clients")
    private Path dataDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Market seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--products", paramLabel = "ID,...", split = ",",
            description = "Products to list (default: all of BTC-USD, ETH-USD, SOL-USD, BTC-PERP-INTX)")
    private List<String> products = new ArrayList<>();

    @Option(names = "--key-type", paramLabel = "ed25519|es256", defaultValue = "ed25519",
            description = "Kind of API key issued on first start (default: ${DEFAULT-VALUE})")
    private String keyType;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "250ms", converter = DurationConverter.class,
            description = "How often the market moves (default: ${DEFAULT-VALUE})")
    private Duration tick;

    @Option(names = "--funding-interval", paramLabel = "DURATION", defaultValue = "1h",
            converter = DurationConverter.class, description = "Perpetual funding interval, 0s for none (default: ${DEFAULT-VALUE})")
    private Duration fundingInterval;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "Largest page of the list endpoints (default: ${DEFAULT-VALUE})")
    private int pageSize;

    @Option(names = "--fault", paramLabel = "NAME[:COUNT[:MILLIS]]",
            description = "Arm a fault at start (repeatable), e.g. rate_limit:3, slow:2:3000, lose_order_response")
    private List<String> faults = new ArrayList<>();

    @Option(names = "--strict-auth", description = "Refuse the older cloud-key JWT claims (iss coinbase-cloud)")
    private boolean strictAuth;

    @Option(names = "--allow-remote", description = "Allow a non-loopback --listen address")
    private boolean allowRemote;

    /** Picocli instantiates it. */
    public ExchangeCommand() {
        // fields are injected by picocli
    }

    /** A started exchange, or the exit status of a start that failed (its reason already printed). */
    record Started(LocalExchange exchange, int exit) {
    }

    @Override
    public Integer call() throws InterruptedException {
        Started started = open();
        if (started.exchange() == null) {
            return started.exit();
        }
        LocalExchange exchange = started.exchange();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            exchange.close();
            stopped.countDown();
        }, "exchange-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    /** Starts the exchange and writes the files for clients; prints where they are. */
    Started open() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExchangeSettings settings;
        try {
            settings = settings();
            FaultPlan check = new FaultPlan();
            faults.forEach(check::arm);
        } catch (IllegalArgumentException e) {
            err.println("tradehost exchange: " + e.getMessage());
            err.flush();
            return new Started(null, TradehostCommand.EXIT_CONFIG);
        }
        LocalExchange exchange;
        Path hostConfig = dataDir.resolve(HOST_CONFIG_FILE);
        try {
            exchange = LocalExchange.start(settings);
        } catch (RuntimeException e) {
            err.println("tradehost exchange: " + e.getMessage());
            err.flush();
            return new Started(null, TradehostCommand.EXIT_FAILURE);
        }
        try {
            Files.writeString(hostConfig, hostConfiguration(exchange, settings.listings()));
        } catch (IOException e) {
            exchange.close();
            err.println("tradehost exchange: cannot write " + hostConfig + ": " + e.getMessage());
            err.flush();
            return new Started(null, TradehostCommand.EXIT_FAILURE);
        }
        out.println("exchange listening on " + exchange.uri() + " (feeds " + exchange.wsUri() + " and "
                + exchange.wsUri() + "/user)");
        out.println("credentials: " + exchange.credentialsFile());
        out.println("host config: " + hostConfig);
        out.println("admin token: " + dataDir.resolve(LocalExchange.ADMIN_TOKEN_FILE));
        out.println("try it: set -a; . " + exchange.credentialsFile() + "; set +a; tradehost run --config " + hostConfig
                + " --data-dir HOST_DIR");
        out.flush();
        return new Started(exchange, 0);
    }

    private ExchangeSettings settings() {
        int colon = listen.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--listen must be HOST:PORT, was '" + listen + "'");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen must be HOST:PORT with a port 0-65535, was '" + listen + "'", e);
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--listen host '" + listen.substring(0, colon) + "' does not resolve");
        }
        List<Listing> listings = Listing.DEFAULTS;
        if (!products.isEmpty()) {
            List<String> known = Listing.DEFAULTS.stream().map(Listing::productId).toList();
            for (String p : products) {
                if (!known.contains(p)) {
                    throw new IllegalArgumentException("--products: unknown product '" + p + "' (known: "
                            + String.join(", ", known) + ")");
                }
            }
            listings = Listing.DEFAULTS.stream().filter(l -> products.contains(l.productId())).toList();
        }
        KeyType type;
        try {
            type = KeyType.valueOf(keyType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--key-type must be ed25519 or es256, was '" + keyType + "'", e);
        }
        ExchangeSettings defaults = ExchangeSettings.defaults(address, dataDir);
        return new ExchangeSettings(address, dataDir, seed, listings, type, tick, fundingInterval,
                new BigDecimal("100000"), defaults.takerFee(), defaults.makerFee(), pageSize, strictAuth, faults,
                allowRemote);
    }

    /**
     * The embedded defaults with the venue switched to {@code coinbase} on this exchange and the
     * symbols set to its spot products in USD (the cash the host reconciles).
     */
    public static String hostConfiguration(LocalExchange exchange, List<Listing> listings) {
        String defaults = ConfigLoader.embeddedText();
        List<String> spot = listings.stream().filter(l -> !l.perpetual() && l.quote().equals("USD"))
                .map(Listing::productId).limit(2).toList();
        String symbols = spot.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        String venue = """
                [venue]
                name = "coinbase"
                call_budget = "2s"

                # the local exchange started with `tradehost exchange`; its key is in credentials.env
                [venue.config]
                base_url = "%s"
                ws_url = "%s"
                ws_user_url = "%s/user"
                credentials_file = "%s"
                products = [%s]

                """.formatted(exchange.uri(), exchange.wsUri(), exchange.wsUri(),
                exchange.credentialsFile().toAbsolutePath(), symbols);
        int venueStart = defaults.indexOf("[venue]");
        int venueEnd = defaults.indexOf("[strategy]");
        int hostStart = defaults.indexOf("[host]");
        if (venueStart < 0 || venueEnd < venueStart || hostStart < 0) {
            throw new IllegalStateException("the embedded defaults lack the [host], [venue] or [strategy] table");
        }
        String header = "# written by `tradehost exchange` for the exchange at " + exchange.uri() + "\n"
                + "# the embedded defaults, trading coinbase against it\n\n[host]\nsymbols = [" + symbols + "]\n\n";
        return header + venue + defaults.substring(venueEnd);
    }
}
