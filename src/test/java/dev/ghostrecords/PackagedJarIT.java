package dev.ghostrecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar as shipped (mvn verify packages it before the integration tests). */
class PackagedJarIT {

    private static final Path JAR = Path.of("target/ghost-records.jar");

    @Test
    void should_carry_only_the_linux_x86_64_postgresql_when_packaged() throws IOException {
        assertThat(JAR).exists();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName).filter(n -> n.matches("postgres-.*\\.txz")))
                    .containsExactly("postgres-linux-x86_64.txz");
        }
        assertThat(Files.size(JAR)).as("bytes").isLessThan(70_000_000L);
    }

    @Test
    void should_log_json_from_the_jar_when_the_format_is_json(@TempDir Path dir) throws Exception {
        // the shaded jar must keep the JSON layout's log4j plugins next to log4j-core's
        TestDatabase.Database db = TestDatabase.fresh();
        Path err = dir.resolve("stats.err");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "stats").redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("GHOST_DB_URL", db.url(), "GHOST_DB_USER", db.user(),
                "GHOST_DB_PASSWORD", db.password(), "GHOST_LOG_FORMAT", "json", "GHOST_LOG_LEVEL", "INFO"));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> lines = Files.readAllLines(err);
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).path("log.level").asText()).as(line).isNotEmpty();
        }
    }
}
