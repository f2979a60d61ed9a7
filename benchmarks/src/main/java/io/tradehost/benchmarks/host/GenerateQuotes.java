package io.tradehost.benchmarks.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a quotes CSV of seeded random walks for the benchmarks:
 * {@code GenerateQuotes FILE EVENTS SYMBOLS} (symbols {@code S00-PERP}, {@code S01-PERP}, ...).
 */
public final class GenerateQuotes {
    private GenerateQuotes() {
    }

    public static void main(String[] args) throws Exception {
        int symbols = Integer.parseInt(args[2]);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            names.add(String.format("S%02d-PERP", i));
        }
        ReplayThroughput.generate(Path.of(args[0]), Integer.parseInt(args[1]), names);
    }
}
