package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The drift table, row by row, against what is open. */
class DriftRulesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Exposure OPEN = new Exposure(new BigDecimal("1.5"), new BigDecimal("0.4"),
            new BigDecimal("2000"), new BigDecimal("300"), Set.of("BTC-PERP"), new BigDecimal("10"));

    private static Severity of(String key, String before, String after, Exposure open) {
        ConfigDiff.Change change = new ConfigDiff.Change(key, before == null ? null : F.textNode(before),
                after == null ? null : F.textNode(after));
        return DriftRules.classify(List.of(change), open).getFirst().severity();
    }

    @Test
    void riskLimitsAreHighOnlyWhenTightenedBelowWhatIsOpen() {
        assertThat(of("guards.config.leverage.max", "3", "2", OPEN)).isEqualTo(Severity.SAFE);
        assertThat(of("guards.config.leverage.max", "3", "1", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("guards.config.leverage.max", "3", "20", OPEN)).isEqualTo(Severity.CRITICAL);
        assertThat(of("guards.config.total-exposure.max_fraction", "0.8", "1.4", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("guards.config.symbol-exposure.max_fraction", "0.8", "0.5", OPEN)).isEqualTo(Severity.SAFE);
        assertThat(of("guards.config.symbol-exposure.max_fraction", "0.8", "0.3", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("guards.config.max-order-notional.max", "25000", "1999", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("guards.config.max-order-notional.max", "25000", "2000", OPEN)).isEqualTo(Severity.SAFE);
        assertThat(of("strategy.config.breakout.position_fraction", "0.5", "0.1", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("runtime_guards.config.daily-loss.max_loss", "2000", "200", OPEN)).isEqualTo(Severity.HIGH);
        assertThat(of("runtime_guards.config.daily-loss.max_loss", "2000", "500", OPEN)).isEqualTo(Severity.SAFE);
    }

    @Test
    void withoutAHostEveryTighteningIsHighAndEveryLooseningSafe() {
        assertThat(of("guards.config.leverage.max", "3", "2.9", Exposure.UNKNOWN)).isEqualTo(Severity.HIGH);
        assertThat(of("guards.config.leverage.max", "3", "4", Exposure.UNKNOWN)).isEqualTo(Severity.SAFE);
        assertThat(of("guards.config.leverage.max", null, "4", Exposure.UNKNOWN)).isEqualTo(Severity.HIGH);
    }

    @Test
    void theVenueTheProfileAndShortsAreCritical() {
        assertThat(of("venue.name", "paper", "coinbase", OPEN)).isEqualTo(Severity.CRITICAL);
        assertThat(of("venue.config.api_key", "a", "b", OPEN)).isEqualTo(Severity.CRITICAL);
        assertThat(of("host.profile", "demo", "prod", OPEN)).isEqualTo(Severity.CRITICAL);
        ConfigDiff.Change shorts = new ConfigDiff.Change("strategy.config.ma-crossover.allow_shorts",
                F.booleanNode(false), F.booleanNode(true));
        assertThat(DriftRules.classify(List.of(shorts), OPEN).getFirst().severity()).isEqualTo(Severity.CRITICAL);
        ConfigDiff.Change noShorts = new ConfigDiff.Change("strategy.config.ma-crossover.allow_shorts",
                F.booleanNode(true), F.booleanNode(false));
        assertThat(DriftRules.classify(List.of(noShorts), OPEN).getFirst().severity()).isEqualTo(Severity.SAFE);
    }

    @Test
    void aSymbolRemovedWithAPositionIsCriticalOneAddedIsSafeAndAFlatRemovalWaitsForARestart() {
        ConfigDiff.Change removeHeld = new ConfigDiff.Change("host.symbols", F.arrayNode().add("BTC-PERP")
                .add("ETH-PERP"), F.arrayNode().add("ETH-PERP"));
        ConfigDiff.Change removeFlat = new ConfigDiff.Change("host.symbols", F.arrayNode().add("BTC-PERP")
                .add("ETH-PERP"), F.arrayNode().add("BTC-PERP").add("SOL-USD"));
        assertThat(DriftRules.classify(List.of(removeHeld), OPEN).getFirst().severity()).isEqualTo(Severity.CRITICAL);
        ConfigDiff.Change addOnly = new ConfigDiff.Change("host.symbols", F.arrayNode().add("BTC-PERP"),
                F.arrayNode().add("BTC-PERP").add("SOL-USD"));
        assertThat(DriftRules.classify(List.of(addOnly), OPEN).getFirst().verdict())
                .isEqualTo(new DriftRules.Verdict(Severity.SAFE, "added [SOL-USD]"));
        assertThat(DriftRules.classify(List.of(removeHeld), Exposure.UNKNOWN).getFirst().severity())
                .as("without a host a removed symbol may hold a position").isEqualTo(Severity.CRITICAL);
        assertThat(DriftRules.classify(List.of(removeFlat), OPEN).getFirst().verdict())
                .isEqualTo(new DriftRules.Verdict(Severity.RESTART, "added [SOL-USD] removed [ETH-PERP] (flat) at the"
                        + " next start"));
    }

    @Test
    void everyKeyOfTheEmbeddedDefaultsHasARuleAndNoneFallsToTheCatchAll() {
        ConfigDiff.flat(ConfigLoader.parse(ConfigLoader.embeddedText(), ConfigLoader.EMBEDDED)).keySet().forEach(key -> assertThat(DriftRules.RULES.stream()
                .filter(r -> r.covers(key)).findFirst().orElseThrow().pattern()).as(key).isNotEqualTo("*"));
        assertThat(of("something.new", "a", "b", OPEN)).isEqualTo(Severity.CRITICAL);
        assertThat(of("telemetry.mark_window", "64", "8", OPEN)).isEqualTo(Severity.SAFE);
        assertThat(of("admin.listen", "a", "b", OPEN)).isEqualTo(Severity.RESTART);
    }
}
