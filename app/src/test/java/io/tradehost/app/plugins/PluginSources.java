package io.tradehost.app.plugins;

import java.util.Map;

/** Source code of the test plugins. */
public final class PluginSources {
    private PluginSources() {
    }

    /** A strategy plugin {@code module}, strategy {@code name}, whose decide body is {@code decide}. */
    public static Map<String, String> strategy(String module, String name, String decide) {
        String pkg = module;
        String dir = pkg.replace('.', '/');
        return Map.of(
                "module-info.java", "module " + module + " {\n requires io.tradehost.api;\n"
                        + " provides io.tradehost.api.strategy.StrategyFactory with " + pkg + ".Factory;\n}\n",
                dir + "/Factory.java", """
                        package %s;
                        import io.tradehost.api.config.PluginConfig;
                        import io.tradehost.api.strategy.*;
                        import io.tradehost.api.value.*;
                        public final class Factory implements StrategyFactory {
                            public String name() { return "%s"; }
                            public String description() { return "test plugin %s"; }
                            public Strategy create(PluginConfig config) {
                                long every = config.integer("every", 3, 1, 1000);
                                return new Strategy() {
                                    long calls;
                                    public Decision decide(StrategyContext ctx) {
                                        calls++;
                                        %s
                                    }
                                };
                            }
                        }
                        """.formatted(pkg, name, name, decide));
    }

    /** Buys 100 of notional when flat, closes every {@code every}th call: trades steadily. */
    public static final String TRADES = """
            if (ctx.position().isFlat()) { return Decision.buy(Money.of("100"), "in"); }
            return calls %% every == 0 ? Decision.close("out") : Decision.hold("wait");
            """.replace("%%", "%");

    /** Reaches for the execution coordinator's private books. */
    public static final String REFLECTS = """
            try {
                Class<?> ledger = ModuleLayer.boot().findModule("io.tradehost.coordinator.execution").orElseThrow()
                        .getClassLoader().loadClass("io.tradehost.coordinator.execution.Ledger");
                ledger.getDeclaredField("cash").setAccessible(true);
                return Decision.buy(Money.of("1000000"), "broke in");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            """;
}
