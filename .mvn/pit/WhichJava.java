import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code pit.jvm=<this JDK's java>} to the file named by its argument. The build runs it with
 * the JDK 25 toolchain's java, so that PIT (whose Maven plugin knows no toolchains) runs its
 * minions on that JDK rather than on Maven's own.
 */
public final class WhichJava {
    private WhichJava() {
    }

    public static void main(String[] args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.createDirectories(Path.of(args[0]).toAbsolutePath().getParent());
        Files.writeString(Path.of(args[0]), "pit.jvm=" + java.toString().replace("\\", "/") + "\n");
    }
}
