package io.tradehost.app.cli;

import io.tradehost.app.config.ConfigCheck;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.ConfigProblems;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.plugins.PluginCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration checked whole, plugin blocks included, before anything is started or any data
 * directory touched, with the plugins it may load. The drop-ins load only once the configuration's
 * own pins are known; a configuration too broken to read its pins is checked against the built-ins.
 *
 * @param config the validated configuration
 * @param catalog the plugins its pins allow
 * @param layered its layers, for showing where each value came from
 */
record CheckedConfig(HostConfig config, PluginCatalog catalog, ConfigLoader.Layered layered) {
    /**
     * @throws ConfigProblems listing every problem, one line each
     */
    static CheckedConfig load(Path file, List<String> overrides, Map<String, String> environment,
                              PluginDirectoryOption plugins) {
        HostConfig pinsFrom;
        try {
            pinsFrom = ConfigLoader.load(file, overrides, environment, tree -> { });
        } catch (ConfigError e) {
            ConfigCheck.Result builtIns = ConfigCheck.check(file, overrides, environment, plugins.builtIns());
            if (builtIns.ok()) {
                throw e;
            }
            throw new ConfigProblems(builtIns.problems());
        }
        PluginCatalog catalog = plugins.catalog(pinsFrom.plugins().pins());
        ConfigCheck.Result result = ConfigCheck.check(file, overrides, environment, catalog);
        if (!result.ok()) {
            throw new ConfigProblems(result.problems());
        }
        return new CheckedConfig(result.config(), catalog, result.layered());
    }
}
