package dev.ghostrecords;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
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
        GhostProcess.Run run = GhostProcess.run(db, NO_DATABASE, "mark-stale", "--hours", "-5", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("hours must be a positive number");
        assertOneLine(run);
    }

    @Test
    void should_refuse_a_provider_option_that_is_no_provider_id() throws Exception {
        for (List<String> args : List.of(List.of("mark-stale", "--provider", "Custom Space", "--dry-run"),
                List.of("fetch", "--provider", "Custom Space"))) {
            GhostProcess.Run run = GhostProcess.run(db, NO_DATABASE, args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("provider 'Custom Space' is not a provider id: a provider id is 1-128 characters");
            assertOneLine(run);
        }
    }

    @Test
    void should_delete_a_provider_that_holds_no_model_and_refuse_one_that_does() throws Exception {
        GhostProcess.Run unknown = GhostProcess.run(db, Map.of(), "delete-provider", "nothing-here");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("delete-provider: no provider 'nothing-here'");
        // the schema exists now (the command migrated it): a provider left empty, one that holds a model
        try (var connection = db.connect(); var statement = connection.createStatement()) {
            statement.execute("insert into provider (id) values ('typo'), ('kept')");
            statement.execute("insert into model (provider_id, model_id, source) values ('kept', 'k1', 'MANUAL')");
        }

        GhostProcess.Run deleted = GhostProcess.run(db, Map.of(), "delete-provider", "TYPO");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(deleted.stdout().strip()).isEqualTo("deleted provider typo");

        GhostProcess.Run holding = GhostProcess.run(db, Map.of(), "delete-provider", "kept");
        assertThat(holding.exitCode()).isEqualTo(1);
        assertThat(holding.stderr()).contains("provider 'kept' still holds 1 model");
    }

    @Test
    void should_print_help_for_every_command() throws Exception {
        for (String command : List.of("serve", "seed", "stats", "mark-stale", "purge", "delete-provider")) {
            GhostProcess.Run help = GhostProcess.run(db, Map.of(), command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.stdout()).as(command).contains("Usage: ghost-records " + command);
        }
    }

    @Test
    void should_stop_with_one_line_when_a_port_is_taken(@TempDir Path home) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            GhostProcess.Run api = GhostProcess.run(db, Map.of("GHOST_HTTP_PORT", Integer.toString(port),
                    "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()), "GHOST_MODELS_DIR", home.toString()), "serve");
            assertThat(api.exitCode()).isEqualTo(1);
            assertThat(api.stderr()).contains("port " + port + " is in use: set GHOST_HTTP_PORT");
            assertOneLine(api);

            GhostProcess.Run management = GhostProcess.run(db, Map.of("GHOST_HTTP_PORT", Integer.toString(freePort()),
                    "GHOST_MANAGEMENT_PORT", Integer.toString(port), "GHOST_MODELS_DIR", home.toString()), "serve");
            assertThat(management.exitCode()).isEqualTo(1);
            assertThat(management.stderr()).contains("port " + port + " is in use: set GHOST_MANAGEMENT_PORT");
        }
    }

    @Test
    void should_refuse_a_host_that_is_no_address_of_this_machine(@TempDir Path home) throws Exception {
        // 192.0.2.0/24 is TEST-NET-1: documentation only, on no machine
        GhostProcess.Run run = GhostProcess.run(db, Map.of("GHOST_HTTP_HOST", "192.0.2.7", "GHOST_API_TOKEN", "t",
                "GHOST_MODELS_DIR", home.toString(), "GHOST_HTTP_PORT", Integer.toString(freePort()),
                "GHOST_MANAGEMENT_PORT", Integer.toString(freePort())), "serve");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("GHOST_HTTP_HOST='192.0.2.7' is not an address of this machine");
        assertOneLine(run);
    }

    @Test
    void should_accept_the_postgres_url_form_and_show_no_password() throws Exception {
        // jdbc:postgresql://localhost:5432/name -> postgres://user:password@localhost:5432/name
        String url = db.url().replace("jdbc:postgresql://", "postgres://" + db.user() + ":" + "not-shown-" + db.password() + "@");
        GhostProcess.Run stats = GhostProcess.run(db, Map.of("GHOST_DB_URL", url, "GHOST_DB_USER", "nobody"), "stats");
        assertThat(stats.exitCode()).as(stats.stderr()).isZero();
        assertThat(stats.stdout()).contains("Models: ");
        assertThat(stats.stdout() + stats.stderr()).doesNotContain("not-shown-");
    }

    @Test
    void should_refuse_a_database_url_that_is_not_postgresql_saying_which_form_to_use() throws Exception {
        GhostProcess.Run run = GhostProcess.run(db, Map.of("GHOST_DB_URL", "mysql://root:hunter2@db.example/ghost"), "stats");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("GHOST_DB_URL='mysql://root:***@db.example/ghost' is not a PostgreSQL URL;"
                + " use jdbc:postgresql://host:port/db").doesNotContain("hunter2");
        assertOneLine(run);
    }

    @Test
    void should_name_the_settings_to_check_when_the_database_refuses_or_the_data_folder_cannot_be_used(@TempDir Path home)
            throws Exception {
        String url = db.url().replace("jdbc:postgresql://", "postgres://no_such_role:hunter2@");
        GhostProcess.Run refused = GhostProcess.run(db, Map.of("GHOST_DB_URL", url), "stats");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("cannot connect to PostgreSQL at jdbc:postgresql://", "no_such_role",
                "check GHOST_DB_URL, GHOST_DB_USER and GHOST_DB_PASSWORD").doesNotContain("hunter2");
        assertOneLine(refused);

        // a data folder under a plain file: the embedded database cannot be put there
        Path file = Files.writeString(home.resolve("a-file"), "");
        GhostProcess.Run folder = GhostProcess.run(null, Map.of("GHOST_DATA_DIR", file.resolve("data").toString()), "stats");
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.stderr()).contains("GHOST_DATA_DIR='" + file.resolve("data") + "' could not start",
                "set GHOST_DATA_DIR to a folder the service can create and write");
        assertOneLine(folder);
    }

    @Test
    void should_refuse_a_cron_that_quartz_cannot_read_for_serve_and_commands_alike(@TempDir Path home) throws Exception {
        GhostProcess.Run command = GhostProcess.run(db, Map.of("GHOST_STALE_CRON", "@hourly"), "stats");
        assertThat(command.exitCode()).isEqualTo(1);
        assertThat(command.stderr()).contains("GHOST_STALE_CRON='@hourly' must be a Quartz cron with seconds");
        assertOneLine(command);

        GhostProcess.Run serve = GhostProcess.run(db, Map.of("GHOST_PURGE_CRON", "30 3 * * *", "GHOST_MODELS_DIR", home.toString(),
                "GHOST_HTTP_PORT", Integer.toString(freePort()), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort())), "serve");
        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.stderr()).contains("GHOST_PURGE_CRON='30 3 * * *' must be a Quartz cron with seconds");
    }

    @Test
    void should_refuse_every_option_the_api_refuses() throws Exception {
        GhostProcess.Run days = GhostProcess.run(db, NO_DATABASE, "purge", "--days", "-5", "--dry-run");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.stderr()).contains("days must be a positive number");

        GhostProcess.Run provider = GhostProcess.run(db, NO_DATABASE, "mark-stale", "--provider", "open\u0007ai", "--dry-run");
        assertThat(provider.exitCode()).isEqualTo(2);
        assertThat(provider.stderr()).contains("provider must not contain control characters");

        GhostProcess.Run deleted = GhostProcess.run(db, NO_DATABASE, "delete-provider", "open\u0007ai");
        assertThat(deleted.exitCode()).isEqualTo(2);
        assertThat(deleted.stderr()).contains("must not contain control characters");

        GhostProcess.Run notANumber = GhostProcess.run(db, NO_DATABASE, "mark-stale", "--hours", "abc", "--dry-run");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.stderr()).contains("--hours").contains("abc");
    }

    /**
     * A database nothing listens at: a command that answers from it checked its options before
     * starting anything (it would otherwise fail on the connection, exit 1).
     */
    private static final Map<String, String> NO_DATABASE = Map.of("GHOST_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + FreePorts.freePort() + "/nothing");

    /** One line, no stack trace: what an operator reads in a terminal or a unit's journal. */
    private static void assertOneLine(GhostProcess.Run run) {
        assertThat(run.stderr().strip().lines()).as(run.stderr()).hasSize(1);
    }
}
