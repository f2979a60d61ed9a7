package io.tradehost.api.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
class JournalSnapshotTest {
    @Test
    void aSnapshotCopiesWhatItIsGivenAndDefaultsToNoActiveReasons() {
        List<Position> positions = new ArrayList<>(List.of(Position.flat(Symbol.of("BTC-USD"))));
        Set<String> tradeIds = new HashSet<>(Set.of("t1"));
        JournalSnapshot snapshot = new JournalSnapshot(false, "r1", 7, Money.of("100"), positions, List.of(),
                tradeIds);
        positions.clear();
        tradeIds.add("t2");
        assertThat(snapshot.positions()).hasSize(1);
        assertThat(snapshot.openOrderTradeIds()).containsExactly("t1");
        assertThat(snapshot.activeReasons()).isEmpty();
        assertThatThrownBy(() -> snapshot.positions().add(Position.flat(Symbol.of("ETH-USD"))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRunIdAndCashAreRequired() {
        assertThatThrownBy(() -> new JournalSnapshot(true, null, 0, Money.ZERO, List.of(), List.of(), Set.of()))
                .hasMessage("runId");
        assertThatThrownBy(() -> new JournalSnapshot(true, "r", 0, null, List.of(), List.of(), Set.of()))
                .hasMessage("cash");
    }
}
