package io.tradehost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentComesFirstThenTheConfiguredFileThenTheGeneratedOne() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "from-the-file-0123456789-0123456789\nignored\n");
        AdminToken env = AdminToken.resolve(Map.of(AdminToken.ENVIRONMENT, "from-the-environment-0123-0123456789"), file, dir);
        assertThat(env.matches("from-the-environment-0123-0123456789")).isTrue();
        assertThat(env.source()).isEqualTo("the environment (TRADEHOST_ADMIN_TOKEN)");
        AdminToken fromFile = AdminToken.resolve(Map.of(), file, dir);
        assertThat(fromFile.matches("from-the-file-0123456789-0123456789")).isTrue();
        assertThat(fromFile.matches("ignored")).isFalse();
        assertThat(Files.exists(dir.resolve(AdminToken.FILE_NAME))).isFalse();
    }

    @Test
    void aGeneratedTokenIsWrittenOwnerOnlyAndKeptForTheNextStart() throws Exception {
        AdminToken first = AdminToken.resolve(Map.of(), null, dir);
        Path file = dir.resolve(AdminToken.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String value = Files.readString(file).strip();
        assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(first.matches(value)).isTrue();
        assertThat(first.source()).isEqualTo(file + " (generated)");
        AdminToken second = AdminToken.resolve(Map.of(), null, dir);
        assertThat(second.matches(value)).isTrue();
        assertThat(second.source()).isEqualTo(file.toString());
    }

    @Test
    void theValueNeverShowsAndShortOrWrongTokensDoNotMatch() {
        AdminToken token = AdminToken.of("a-secret-token-0123456789-abcdefgh");
        assertThat(token.toString()).doesNotContain("secret").isEqualTo("AdminToken[from given]");
        assertThat(token.matches("a-secret-token-0123456789-abcdefg")).isFalse();
        assertThat(token.matches("a-secret-token-0123456789-abcdefghi")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThatThrownBy(() -> AdminToken.of("xyzzy")).hasMessageContaining("too short (5 characters")
                .hasMessageNotContaining("xyzzy");
        String thirtyOne = "0123456789012345678901234567890";
        assertThatThrownBy(() -> AdminToken.of(thirtyOne)).hasMessageContaining("too short (31 characters; at least 32");
        assertThat(AdminToken.of(thirtyOne + "1").matches(thirtyOne + "1")).isTrue();
        assertThatThrownBy(() -> AdminToken.resolve(Map.of(), dir.resolve("missing"), dir))
                .hasMessageContaining("cannot read the admin token file");
    }
}
