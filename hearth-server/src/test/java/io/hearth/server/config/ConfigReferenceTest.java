package io.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in docs/operations.md is what ConfigLoader reads now. To regenerate
 * it: {@code mvn -o -pl hearth-server -am test -Dtest=ConfigReferenceTest -Dhearth.docs.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, or run {@link ConfigReference#main} from the repository root.
 */
class ConfigReferenceTest {
    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

    @Test
    void everyKeyTheLoaderReadsHasAMeaningAndEveryMeaningAKey() {
        assertThat(ConfigReference.undescribed())
                .as("keys without a meaning in hearth-server/src/main/resources/io/hearth/server/config/"
                        + ConfigReference.DESCRIPTIONS)
                .isEmpty();
        assertThat(ConfigReference.describedButNotRead())
                .as("meanings in " + ConfigReference.DESCRIPTIONS + " of keys the loader no longer reads")
                .isEmpty();
    }

    @Test
    void theReferenceInOperationsMdIsTheOneGeneratedNow() throws Exception {
        String document = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        String generated = ConfigReference.rewrite(document);
        if (Boolean.getBoolean("hearth.docs.regenerate")) {
            Files.writeString(OPERATIONS, generated, StandardCharsets.UTF_8);
            document = generated;
        }
        assertThat(document)
                .as("docs/operations.md's configuration reference is out of date; regenerate it with -Dhearth.docs"
                        + ".regenerate=true (see ConfigReferenceTest's comment)")
                .isEqualTo(generated);
    }

    @Test
    void defaultsAreWrittenAsTheConfigurationWouldWriteThem() {
        assertThat(ConfigReference.table())
                .contains("| `engine.idle-timeout` | `30m` | duration")
                .contains("| `result.chunk-max-bytes` | `8m` | size")
                .contains("| `engine.share-level` | `USER` | one of CONNECTION, ")
                .contains("| `data-dir` | `<hearth home>/data` |")
                .contains("| `result.directory` | `<data-dir>/results` |")
                .contains("| `engine.conf.*` | (unset) | keys under this prefix |")
                .contains("| `auth.methods` | (empty) | comma-separated list |")
                .doesNotContain(System.getProperty("java.home"));
    }
}
