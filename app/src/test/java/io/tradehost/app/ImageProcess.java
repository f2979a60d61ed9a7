package io.tradehost.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the built image's {@code bin/tradehost} as an operator would: another directory, no JDK on the path. */
final class ImageProcess {
    static final Path IMAGE = Path.of(System.getProperty("tradehost.image", "target/image"));

    private ImageProcess() {
    }

    /** Starts {@code bin/tradehost args} in {@code workDir} with {@code env} added to a JDK-less environment. */
    static Process start(Path workDir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(IMAGE.resolve("bin/tradehost").toAbsolutePath().toString());
        command.addAll(args);
        if (!args.isEmpty() && args.getFirst().equals("run") && args.stream().noneMatch(a -> a.startsWith("admin.listen"))) {
            // any free port: runs of the suite must not collide with each other or with a host on the default port
            command.addAll(List.of("--set", "admin.listen=\"127.0.0.1:0\""));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        return builder.start();
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
