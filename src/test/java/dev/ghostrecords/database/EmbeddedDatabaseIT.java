package dev.ghostrecords.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.ghostrecords.GhostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code serve} on its embedded PostgreSQL, as an operator runs it: no GHOST_DB_URL, a data folder
 * of its own, the port pinned. The database takes a password that only the data folder's owner can
 * read; binaries live in the data folder; commands use the running server; SIGTERM stops it all.
 */
class EmbeddedDatabaseIT {

    private static final String FEED = "{\"data\":[{\"id\":\"m-1\"},{\"id\":\"m-2\"},{\"id\":\"m-3\"}]}";

    @Test
    void should_require_the_generated_password_and_keep_everything_in_the_data_folder(@TempDir Path home) throws Exception {
        Path data = home.resolve("data");
        int dbPort = freePort();
        Map<String, String> env = settings(home, dbPort);
        String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/postgres";

        try (GhostProcess service = GhostProcess.serve(null, env)) {
            awaitIngested(service);

            // the folder the service made holds the password and the catalog: its owner's alone
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            Path passwordFile = data.resolve("postgres-password");
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24);

            assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "not-" + password).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", password);
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from model")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }

            // the server runs from the binaries unpacked in the data folder
            assertThat(postmasterCommand(data)).startsWith(data.resolve("postgres-binaries").toAbsolutePath().toString());
            try (Stream<Path> unpacked = Files.walk(data.resolve("postgres-binaries"))) {
                assertThat(unpacked.anyMatch(p -> p.endsWith(Path.of("bin", "postgres")))).isTrue();
            }
            // no one else may swap them
            assertThat(Files.getPosixFilePermissions(data.resolve("postgres-binaries")))
                    .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
                            java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);

            GhostProcess.Run stats = GhostProcess.run(null, env, "stats");
            assertThat(stats.exitCode()).as(stats.stderr()).isZero();
            assertThat(stats.stdout()).contains("Models: 3 total, 3 active, 0 inactive");

            int exit = service.terminate();
            assertThat(exit).isIn(0, 143);
            String log = service.log();
            assertThat(log).contains("ghost-records shutting down").containsPattern("ghost-records stopped in \\d+ ms");
            assertThat(log).contains("at jdbc:postgresql://localhost:" + dbPort + "/postgres").doesNotContain(password);
            assertThat(stats.stdout() + stats.stderr()).doesNotContain(password);
        }
        // the embedded server went down with the service
        await().atMost(Duration.ofSeconds(30)).until(() -> postmasterCommand(data).isEmpty());
    }

    @Test
    void should_secure_a_data_folder_left_by_an_older_version_without_a_password(@TempDir Path home) throws Exception {
        Path data = home.resolve("data");
        int dbPort = freePort();
        Map<String, String> env = settings(home, dbPort);
        try (GhostProcess first = GhostProcess.serve(null, env)) {
            awaitIngested(first);
            first.terminate();
        }
        // what an older version left: pg_hba.conf trusting every local connection, no password file
        Path hba = data.resolve("postgres").resolve("pg_hba.conf");
        Files.writeString(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        Files.delete(data.resolve("postgres-password"));

        try (GhostProcess second = GhostProcess.serve(null, env)) {
            await().atMost(Duration.ofSeconds(180)).until(() -> second.log().contains("needs the password kept in"));
            String password = Files.readString(data.resolve("postgres-password")).strip();
            String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "").close())
                            .isInstanceOf(SQLException.class));
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(Files.readString(hba)).contains("scram-sha-256").doesNotContain("trust");
        }
    }

    @Test
    void should_refuse_a_second_serve_on_a_data_folder_in_use_and_let_commands_share_it(@TempDir Path home) throws Exception {
        Map<String, String> env = settings(home, freePort());
        try (GhostProcess first = GhostProcess.serve(null, env)) {
            awaitIngested(first);
            Map<String, String> second = new HashMap<>(env);
            second.put("GHOST_HTTP_PORT", Integer.toString(freePort()));
            second.put("GHOST_MANAGEMENT_PORT", Integer.toString(freePort()));
            GhostProcess.Run refused = GhostProcess.run(null, second, "serve");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr().strip().lines()).hasSize(1);
            assertThat(refused.stderr()).contains("is the data folder of another ghost-records serve that is running",
                    "GHOST_DB_URL");
            // one-shot commands use the running service's database, and the first serve goes on
            GhostProcess.Run stats = GhostProcess.run(null, second, "stats");
            assertThat(stats.exitCode()).as(stats.stderr()).isZero();
            assertThat(stats.stdout()).contains("acme");
            assertThat(first.isAlive()).isTrue();
        }
    }

    @Test
    void should_refuse_an_embedded_port_that_is_not_a_port(@TempDir Path home) throws Exception {
        GhostProcess.Run run = GhostProcess.run(null, Map.of("GHOST_DATA_DIR", home.toString(),
                "GHOST_EMBEDDED_DB_PORT", "70000"), "stats");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("GHOST_EMBEDDED_DB_PORT='70000' must be a whole number from 0 to 65535");
    }

    private static Map<String, String> settings(Path home, int dbPort) throws IOException {
        Path models = Files.createDirectories(home.resolve("models"));
        Files.writeString(models.resolve("acme_models.json"), FEED);
        return Map.of(
                "GHOST_DATA_DIR", home.resolve("data").toString(),
                "GHOST_MODELS_DIR", models.toString(),
                "GHOST_EMBEDDED_DB_PORT", Integer.toString(dbPort),
                "GHOST_HTTP_PORT", Integer.toString(freePort()),
                "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()));
    }

    private static void awaitIngested(GhostProcess service) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError("serve exited:\n" + service.log());
            }
            return service.log().contains("provider=acme file=acme_models.json status=OK");
        });
    }

    /** The command line of the live postmaster of the data folder, or empty. */
    private static String postmasterCommand(Path data) throws IOException {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return "";
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return postmaster.flatMap(p -> p.info().command()).orElse("");
    }
}
