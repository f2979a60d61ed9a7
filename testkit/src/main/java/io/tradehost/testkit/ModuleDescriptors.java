package io.tradehost.testkit;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The module descriptor a class was compiled into, whether the test runs on the module path (as
 * Maven runs it) or on the class path (as mutation testing does, where the module is unnamed).
 * Stateless.
 */
public final class ModuleDescriptors {
    private ModuleDescriptors() {
    }

    /**
     * The descriptor of the module that holds {@code type}.
     *
     * @throws IllegalStateException if the class does not come from a module (a jar or directory with a {@code module-info})
     */
    public static ModuleDescriptor of(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return module.getDescriptor();
        }
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
        return ModuleFinder.of(location).findAll().stream().map(ModuleReference::descriptor).findFirst()
                .orElseThrow(() -> new IllegalStateException(location + " holds no module-info for " + type.getName()));
    }
}
