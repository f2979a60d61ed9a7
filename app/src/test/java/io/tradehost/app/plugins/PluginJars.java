package io.tradehost.app.plugins;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds plugin jars in tests the way a plugin author would: javac against the api module, then a
 * jar. Sources are given as file path to text. Not thread-safe.
 */
public final class PluginJars {
    private final Path work;
    private int builds;

    /** A builder writing under {@code work}. */
    public PluginJars(Path work) {
        this.work = work;
    }

    /** Where the host's api module lives (a jar or a classes directory). */
    public static Path apiModule() {
        return location("io.tradehost.api");
    }

    /** Where a module of the host's boot layer lives. */
    public static Path location(String module) {
        return ModuleLayer.boot().configuration().findModule(module).orElseThrow()
                .reference().location().map(Path::of).orElseThrow();
    }

    /**
     * Compiles {@code sources} against {@code modulePath} (the host's api when empty) and returns the
     * classes directory.
     */
    public Path compile(Map<String, String> sources, List<Path> modulePath, String moduleVersion) throws IOException {
        Path src = Files.createDirectories(work.resolve("src" + (++builds)));
        Path out = Files.createDirectories(work.resolve("classes" + builds));
        List<String> args = new ArrayList<>(List.of("--release", "25", "-d", out.toString()));
        List<Path> path = modulePath.isEmpty() ? List.of(apiModule()) : modulePath;
        args.add("--module-path");
        args.add(String.join(File.pathSeparator, path.stream().map(Path::toString).toList()));
        if (moduleVersion != null) {
            args.add("--module-version");
            args.add(moduleVersion);
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        StringWriter log = new StringWriter();
        int status = ToolProvider.findFirst("javac").orElseThrow(() -> new IllegalStateException("no javac"))
                .run(new PrintWriter(log), new PrintWriter(log), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("fixture does not compile:\n" + log);
        }
        return out;
    }

    /** Packs {@code classes} into {@code jar}. */
    public static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
