package io.tradehost.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.value.Symbol;
import io.tradehost.backtest.tape.TapeFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's description as it travels to workers: read back whole, and refused where it cannot be trusted. */
class SweepJobTest {
    @TempDir
    Path dir;

    private SweepJob job() throws Exception {
        Path data = Files.writeString(dir.resolve("q.csv"), "ts,bid,ask\n1,1,2\n");
        Path config = Files.writeString(dir.resolve("host.toml"), "[strategy]\nname = \"ma-crossover\"\n");
        BacktestSpec spec = new BacktestSpec(List.of(data), TapeFormat.of("quotes"), List.of(Symbol.of("BTC-USD")),
                5, 99, true, config, List.of("backtest.slippage_bps=2"), 7);
        return SweepJob.of(spec, List.of(Sweep.Axis.parse("a.b=1,2"), Sweep.Axis.parse("c=x")), "9.9");
    }

    @Test
    void aDescriptionReadsBackAsTheSameBacktestWithTheConfigurationWrittenOnTheWorker() throws Exception {
        SweepJob sent = job();
        SweepJob got = SweepJob.parse(sent.toJson());
        assertThat(got.axes()).containsExactly("a.b", "c");
        assertThat(got.version()).isEqualTo("9.9");
        assertThat(got.digests()).isEqualTo(sent.digests()).singleElement().asString().hasSize(64);
        assertThat(got.configText()).isEqualTo("[strategy]\nname = \"ma-crossover\"\n");
        BacktestSpec here = got.here(dir.resolve("worker"));
        BacktestSpec original = sent.spec();
        assertThat(here.data()).isEqualTo(original.data());
        assertThat(here.data().getFirst()).isAbsolute();
        assertThat(List.of(here.format(), here.symbols(), here.fromNanos(), here.toNanos(), here.skipBadRows(),
                here.overrides(), here.seed())).isEqualTo(List.of(original.format(), original.symbols(),
                original.fromNanos(), original.toNanos(), original.skipBadRows(), original.overrides(), original.seed()));
        assertThat(Files.readString(here.config())).isEqualTo(sent.configText());
        assertThat(here.config()).startsWith(dir.resolve("worker"));
    }

    @Test
    void aWorkerRefusesDataThatIsMissingOrHoldsOtherBytes() throws Exception {
        SweepJob got = SweepJob.parse(job().toJson());
        Files.writeString(dir.resolve("q.csv"), "ts,bid,ask\n1,1,3\n");
        assertThatThrownBy(() -> got.here(dir.resolve("w"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds other bytes on this machine");
        Files.delete(dir.resolve("q.csv"));
        assertThatThrownBy(() -> got.here(dir.resolve("w"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not on this machine");
    }

    @Test
    void aDescriptionThatIsNotOneIsRefusedSayingWhy() {
        assertThatThrownBy(() -> SweepJob.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SweepJob.parse("{\"version\":2}")).hasMessageContaining("another version");
        assertThatThrownBy(() -> SweepJob.parse("{\"version\":1,\"data\":[{\"sha256\":\"x\"}]}"))
                .hasMessageContaining("lacks 'path'");
        assertThatThrownBy(() -> SweepJob.parse("{\"version\":1,\"a\":" + "[".repeat(20) + "]".repeat(20) + "}"))
                .as("nested deeper than a description ever is").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SweepJob.parse(" ".repeat(SweepJob.MAX_CHARS + 1)))
                .hasMessageContaining("at most");
    }
}
