package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.ListLink;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Trail;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentLogTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("journal.db-intents");
    }

    /** Intents that use every field the codec carries, each way it can be. */
    static List<RecordIntent> varied() {
        Symbol btc = Symbol.of("BTC-PERP");
        OrderRequest market = OrderRequest.market(ClientOrderId.of("r-1"), btc, Side.BUY, Quantity.of("0.00000001"));
        OrderRequest limit = new OrderRequest(ClientOrderId.of("r-2"), Symbol.of("ETH-USD"), Side.SELL, OrderType.LIMIT,
                Quantity.of("12.5"), Price.of("3000.25"), TimeInForce.GTC, false, true, null);
        OrderRequest stop = new OrderRequest(ClientOrderId.of("r-3"), btc, Side.SELL, OrderType.STOP_LIMIT,
                Quantity.of("1"), Price.of("59000"), TimeInForce.GTC, true, false, Price.of("59100.5"));
        OrderOwner trailing = new OrderOwner("mm", "stop \u00e9\u20ac", true, 1_700_000_000_000_000_000L, true,
                new Trail(null, Ratio.of("25"), Price.of("61000")), new ListLink(7, 2, ListLink.Role.TRAILING_STOP));
        OrderOwner entry = new OrderOwner("bars", "", false, 0, false, Trail.byOffset(Price.of("10")),
                new ListLink(8, 0, ListLink.Role.ENTRY));
        return List.of(new RecordIntent(market, 1, 1, 11),
                new RecordIntent(limit, 2, 5, 12, new OrderOwner("mm", "mm-ask", true)),
                new RecordIntent(stop, 3, 6, 13, trailing),
                new RecordIntent(OrderRequest.market(ClientOrderId.of("r-4"), btc, Side.SELL, Quantity.of("3")), 4, 7,
                        Long.MAX_VALUE, entry));
    }

    @Test
    void whatIsAppendedIsReadBackWholeByTheNextOpenWithoutAClose() {
        IntentLog log = IntentLog.open(file(), IntentLog.DEFAULT_CAPACITY, false);
        for (RecordIntent intent : varied()) {
            assertThat(log.append(intent)).isTrue();
        }
        // a killed process never closes: another mapping of the same file sees what was written
        try (IntentLog next = IntentLog.existing(file(), false)) {
            assertThat(next.intents()).containsExactlyElementsOf(varied());
            assertThat(next.size()).isEqualTo(4);
        }
        log.close();
        assertThat(dir.resolve("journal.db-intents.new")).doesNotExist();
    }

    @Test
    void aResetEmptiesTheLogAndLaterFramesAloneAreRead() {
        List<RecordIntent> intents = varied();
        try (IntentLog log = IntentLog.open(file(), IntentLog.DEFAULT_CAPACITY, true)) {
            intents.forEach(log::append);
            log.reset();
            assertThat(IntentLog.existing(file(), false).intents()).isEmpty();
            log.append(intents.get(2)); // shorter than what was there: the older frames after it must not count
            assertThat(IntentLog.existing(file(), false).intents()).containsExactly(intents.get(2));
        }
    }

    @Test
    void appendsAfterAReadContinueTheLog() {
        List<RecordIntent> intents = varied();
        try (IntentLog log = IntentLog.open(file(), IntentLog.DEFAULT_CAPACITY, false)) {
            log.append(intents.get(0));
        }
        try (IntentLog log = IntentLog.existing(file(), false)) {
            assertThat(log.intents()).containsExactly(intents.get(0));
            log.append(intents.get(1));
        }
        assertThat(IntentLog.existing(file(), false).intents()).containsExactly(intents.get(0), intents.get(1));
    }

    @Test
    void aTornOrDamagedFrameEndsTheLog() throws Exception {
        List<RecordIntent> intents = varied();
        try (IntentLog log = IntentLog.open(file(), IntentLog.DEFAULT_CAPACITY, false)) {
            intents.forEach(log::append);
        }
        List<Integer> starts = frameStarts();
        assertThat(starts).hasSize(4);
        // one byte of the third frame's payload changed: its CRC fails, and nothing after it is read
        int at = starts.get(2) + 16 + 5;
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, at);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x10)}), at);
        }
        assertThat(IntentLog.existing(file(), false).intents()).containsExactly(intents.get(0), intents.get(1));
    }

    @Test
    void aFullLogRefusesWithoutWritingAndKeepsWhatItHas() {
        List<RecordIntent> appended = new ArrayList<>();
        try (IntentLog log = IntentLog.open(file(), 600, false)) {
            for (int i = 0; i < 100 && log.append(varied().get(i % 4)); i++) {
                appended.add(varied().get(i % 4));
            }
            assertThat(appended).hasSizeBetween(2, 6);
            assertThat(log.append(varied().get(0))).as("still full").isFalse();
            assertThat(log.size()).isEqualTo(appended.size());
        }
        assertThat(IntentLog.existing(file(), false).intents()).containsExactlyElementsOf(appended);
    }

    @Test
    void aDamagedHeaderOrTruncatedFileFailsNamingTheFileAndAnEmptyOneIsMadeAgain() throws Exception {
        Files.write(file(), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> IntentLog.existing(file(), false)).isInstanceOf(JournalException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining("move it aside");
        Files.write(file(), new byte[64]);
        assertThatThrownBy(() -> IntentLog.open(file(), IntentLog.DEFAULT_CAPACITY, false))
                .isInstanceOf(JournalException.class).hasMessageContaining("damaged (header 0/0)");
        Files.write(file(), new byte[0]); // a crash while it was first made leaves no more than this
        assertThat(IntentLog.existing(file(), false)).isNull();
        try (IntentLog log = IntentLog.open(file(), 4096, false)) {
            assertThat(log.capacity()).isEqualTo(4096);
            assertThat(log.intents()).isEmpty();
        }
        assertThat(Files.size(file())).isEqualTo(4096);
    }

    @Test
    void aWholeFrameThatIsNoIntentFailsTheReadInsteadOfBeingSkipped() {
        RecordIntent intent = varied().get(0);
        ByteBuffer bytes = ByteBuffer.allocate(512);
        IntentCodec.encode(intent, bytes);
        bytes.flip();
        assertThat(IntentCodec.decode(bytes.duplicate())).isEqualTo(intent);
        ByteBuffer newer = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
        newer.put(0, (byte) 9);
        assertThatThrownBy(() -> IntentCodec.decode(newer)).hasMessageContaining("intent format 9");
        assertThatThrownBy(() -> IntentCodec.decode(bytes.duplicate().limit(bytes.limit() - 1)))
                .hasMessageContaining("ends early");
        ByteBuffer longer = ByteBuffer.allocate(bytes.limit() + 1).put(bytes.duplicate()).put((byte) 0).flip();
        assertThatThrownBy(() -> IntentCodec.decode(longer)).hasMessageContaining("1 byte(s) after the intent");
    }

    /** Where each frame of the current generation starts, read with the layout's own rules. */
    private List<Integer> frameStarts() throws Exception {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file())).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long generation = all.getLong(8);
        List<Integer> out = new ArrayList<>();
        for (int at = IntentLog.HEADER; at + 16 <= all.capacity() && all.getInt(at) > 0
                && all.getLong(at + 8) == generation; at += (16 + all.getInt(at) + 7) & ~7) {
            out.add(at);
        }
        return out;
    }
}
