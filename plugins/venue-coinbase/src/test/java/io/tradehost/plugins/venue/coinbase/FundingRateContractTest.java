package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.FundingSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue's funding rates against the local exchange over real sockets on 127.0.0.1: a
 * subscribed perpetual's rate and next funding time as the exchange's product shows them, once
 * when subscribed, not again while the product data is unchanged, again when the next funding time
 * moves on; none for spot products, and a next time of 0 where the product shows none. Waits are
 * bounded and count the exchange's REST requests, not time.
 */
@Timeout(60)
class FundingRateContractTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Symbol PERP = Symbol.of("BTC-PERP-INTX");
    private static final Symbol SPOT = Symbol.of("BTC-USD");
    private static final Ratio RATE = Ratio.of("0.0001");

    @TempDir
    Path dir;
    private ExchangeHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** {@code r} without its time (the venue's clock, not the exchange's). */
    private static FundingRate untimed(FundingRate r) {
        return new FundingRate(r.symbol(), r.rate(), r.nextFundingNanos(), 0);
    }

    private List<FundingRate> heard() {
        return h.listener.fundingRates().stream().map(FundingRateContractTest::untimed).toList();
    }

    private static FundingRate due(long millis) {
        return new FundingRate(PERP, RATE, millis * 1_000_000L, 0);
    }

    /** REST requests the exchange has answered, from its admin statistics. */
    private long restRequests() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(h.exchange.uri() + "/exchange/stats"))
                    .header("Authorization", "Bearer " + h.exchange.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).path("rest_requests").asLong();
        }
    }

    /** Waits (bounded) until the exchange has answered {@code more} further REST requests. */
    private void awaitRequests(long more) throws Exception {
        long target = restRequests() + more;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (restRequests() < target) {
            assertThat(System.nanoTime()).as("%d more REST requests", more).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aSubscribedPerpetualsRateAndNextFundingTimeOnceAndNotAgainWhileUnchanged() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100, Duration.ofHours(1));
        CoinbaseVenue venue = h.connect(Map.of("funding_poll", "100ms", "depth_levels", 0));
        FundingSchedule schedule = h.exchange.fundingSchedule();
        venue.subscribe(Set.of(PERP, SPOT));
        // published at once, from the product list read at connect
        assertThat(heard()).containsExactly(due(schedule.startMillis() + 3_600_000));
        FundingRate first = h.listener.fundingRates().getFirst();
        assertThat(first.timestampNanos()).isPositive();
        // polls read the product again (one request each), the same rate and time: nothing new
        awaitRequests(4);
        assertThat(heard()).containsExactly(due(schedule.startMillis() + 3_600_000));
        // subscribing only the spot product publishes nothing; the perpetual back publishes it again
        venue.subscribe(Set.of(SPOT));
        assertThat(heard()).hasSize(1);
        venue.subscribe(Set.of(PERP));
        assertThat(heard()).containsExactly(due(schedule.startMillis() + 3_600_000),
                due(schedule.startMillis() + 3_600_000));
    }

    @Test
    void eachNewNextFundingTimeIsPublishedOnceAsThePollsReadIt() throws Exception {
        long interval = 1_500;
        h = new ExchangeHarness(dir, KeyType.ED25519, 100, Duration.ofMillis(interval));
        CoinbaseVenue venue = h.connect(Map.of("funding_poll", "100ms", "depth_levels", 0));
        FundingSchedule schedule = h.exchange.fundingSchedule();
        venue.subscribe(Set.of(PERP));
        assertThat(h.listener.await(WAIT, l -> l.fundingRates().size() >= 3)).isTrue();
        List<FundingRate> heard = heard().subList(0, 3);
        long firstDue = heard.getFirst().nextFundingNanos() / 1_000_000;
        // on the exchange's schedule, each payment time once, in order
        assertThat((firstDue - schedule.startMillis()) % interval).isZero();
        assertThat(firstDue).isGreaterThan(schedule.startMillis());
        assertThat(heard).containsExactly(due(firstDue), due(firstDue + interval), due(firstDue + 2 * interval));
    }

    @Test
    void withoutFundingTheProductShowsNoTimeAndTheNextTimeIsZero() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of("funding_poll", "100ms", "depth_levels", 0));
        venue.subscribe(Set.of(PERP));
        assertThat(heard()).containsExactly(new FundingRate(PERP, RATE, 0, 0));
        awaitRequests(3);
        assertThat(heard()).containsExactly(new FundingRate(PERP, RATE, 0, 0));
    }
}
