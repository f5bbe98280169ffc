package dev.ghostrecords;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: help, version, and settings or options that cannot be used. */
class CommandLineIT {

    static TestDatabase.Database db;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
    }

    @Test
    void should_print_a_version_and_help_for_every_command() throws Exception {
        GhostProcess.Run version = GhostProcess.run(db, Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("ghost-records ");

        GhostProcess.Run help = GhostProcess.run(db, Map.of(), "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("serve", "seed", "stats", "mark-stale", "purge");

        GhostProcess.Run statsHelp = GhostProcess.run(db, Map.of(), "stats", "--help");
        assertThat(statsHelp.exitCode()).isZero();
        assertThat(statsHelp.stdout()).contains("Usage: ghost-records stats");
    }

    @Test
    void should_exit_1_naming_a_setting_that_does_not_parse() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, Map.of("GHOST_STALE_MAX_FRACTION", "abc"), "mark-stale", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("GHOST_STALE_MAX_FRACTION='abc' must be a number above 0 and at most 1");
    }

    @Test
    void should_refuse_to_serve_on_a_port_or_folder_that_cannot_be_used(@TempDir Path home) throws Exception {
        GhostProcess.Run port = GhostProcess.run(db, Map.of("GHOST_HTTP_PORT", "abc"), "serve");
        assertThat(port.exitCode()).isEqualTo(1);
        assertThat(port.stderr()).contains("GHOST_HTTP_PORT='abc' must be a whole number from 1 to 65535");

        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        GhostProcess.Run folder = GhostProcess.run(db, Map.of("GHOST_MODELS_DIR", file.toString()), "serve");
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.stderr()).contains("GHOST_MODELS_DIR='" + file + "' cannot be used as the watched folder");
    }

    @Test
    void should_refuse_the_options_the_api_refuses() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, Map.of(), "mark-stale", "--hours", "-5", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("hours must be a positive number");
    }
}
