package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.journal.JournalFiles;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funding through the real wiring on the virtual clock: the paper venue charges each open perpetual
 * at its interval, execution books each payment once as cash of its symbol, the journal keeps it
 * with the cash, the summary shows it, and books balance to the unit against the venue; a restart
 * neither books a payment twice nor misses one the journal never heard of.
 */
class FundingTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);

    private Host start(EventRecorder events, String funding) {
        HostConfig config = ConfigLoader.load(null, List.of("venue.config.tick_interval=\"1s\"",
                "venue.config.funding_interval=\"" + funding + "\"", "venue.config.markets.BTC-PERP.funding_rate=\"0.001\"",
                "runtime_guards.config.daily-loss.max_loss=\"50000\"", "host.symbols=[\"BTC-PERP\"]"));
        Host host = HostComponent.wire(config, HostInputs.of("fund", clock, 42, Map.of()).withDataDirectory(data, true),
                PluginCatalog.fromLayer(ModuleLayer.boot()), clock);
        host.kernel().observe(events);
        host.start();
        host.kernel().runUntilIdle();
        return host;
    }

    private static void advance(Host host, Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s += 10) {
            host.kernel().advanceBy(Duration.ofSeconds(10));
        }
    }

    @Test
    void fundingIsBookedOnceAsCashOfItsSymbolAndTheBooksBalanceWithTheVenue() throws Exception {
        EventRecorder events = new EventRecorder();
        Host host = start(events, "5m");
        advance(host, Duration.ofHours(2));
        List<FundingPayment> atVenue = host.venues().venue().fundingPayments();
        assertThat(atVenue).isNotEmpty();
        List<FundingPayment> booked = events.of(FundingBooked.class).stream().map(FundingBooked::payment).toList();
        assertThat(booked).isEqualTo(atVenue);
        for (FundingPayment p : atVenue) {
            assertThat(p.amount()).isEqualTo(p.mark().times(p.positionSize()).times(Ratio.of("0.001")).negate());
            assertThat(p.positionSize().isZero()).isFalse();
        }
        Money total = atVenue.stream().map(FundingPayment::amount).reduce(Money.ZERO, Money::plus);
        assertThat(host.portfolio().funding(BTC)).isEqualTo(total);
        assertThat(host.portfolio().cash()).isEqualTo(host.venues().venue().account().cash("USD"));
        assertThat(host.journal().snapshot().cash()).isEqualTo(host.portfolio().cash());
        assertThat(host.journal().fundingPaymentIds()).containsExactlyInAnyOrderElementsOf(
                atVenue.stream().map(FundingPayment::id).toList());
        String summary = host.summary().toText();
        assertThat(summary).contains("funding").contains(total.toString());
        assertThat(host.summary().toJson()).contains("\"funding\" : \"" + total + "\"");

        // heard again (a venue repeating itself, a reconnect): nothing moves
        Money cash = host.portfolio().cash();
        host.kernel().publish(new FundingPaid(atVenue.getFirst()));
        host.kernel().runUntilIdle();
        assertThat(host.portfolio().cash()).isEqualTo(cash);
        host.stop();

        EventRecorder again = new EventRecorder();
        Host second = start(again, "5m");
        assertThat(second.portfolio().cash()).isEqualTo(cash);
        second.kernel().publish(new FundingPaid(atVenue.getFirst()));
        second.kernel().runUntilIdle();
        assertThat(second.portfolio().cash()).isEqualTo(cash);
        assertThat(again.of(FundingBooked.class)).isEmpty();
        second.stop();
        assertThat(JournalFiles.read(data.resolve("journal.db")).fundingIds()).hasSize(atVenue.size());
    }

    @Test
    void aPaymentTheJournalNeverWroteIsBookedByReconciliationAtTheNextStart() throws Exception {
        Host host = start(new EventRecorder(), "5m");
        advance(host, Duration.ofHours(1));
        List<FundingPayment> atVenue = host.venues().venue().fundingPayments();
        assertThat(atVenue).isNotEmpty();
        host.stop();
        // as if the host died between the venue's payment and the journal's write of it
        FundingPayment lost = atVenue.getLast();
        Money cash = JournalFiles.read(data.resolve("journal.db")).cash();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("journal.db"));
             PreparedStatement delete = c.prepareStatement("DELETE FROM funding WHERE payment_id = ?");
             PreparedStatement account = c.prepareStatement("UPDATE account SET cash = ?")) {
            delete.setString(1, lost.id());
            assertThat(delete.executeUpdate()).isOne();
            account.setString(1, cash.minus(lost.amount()).toString());
            assertThat(account.executeUpdate()).isOne();
        }

        EventRecorder events = new EventRecorder();
        Host second = start(events, "0s");
        assertThat(events.of(FundingBooked.class)).extracting(FundingBooked::payment).containsExactly(lost);
        assertThat(second.portfolio().cash()).isEqualTo(cash);
        assertThat(second.portfolio().cash()).isEqualTo(second.venues().venue().account().cash("USD"));
        assertThat(second.tradingState().reasons()).isEmpty();
        second.stop();
    }
}
