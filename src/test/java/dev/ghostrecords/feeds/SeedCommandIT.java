package dev.ghostrecords.feeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seed} and {@code stats} as a user runs them: a separate process, settings from the environment. */
class SeedCommandIT {

    @TempDir
    Path dir;

    @Test
    void should_print_a_line_per_file_and_the_statistics_and_exit_0() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        Files.writeString(dir.resolve("google_models_2026-11-20.json"),
                "{\"models\": [{\"name\": \"models/g1\"}, {\"name\": \"models/g2\"}, {\"displayName\": \"no id\"}]}");
        Files.writeString(dir.resolve("openai_models_2026-11-21.json"), "{\"object\": \"list\", \"data\": []}");

        GhostProcess.Run run = ghostRecords(db, "seed", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains(
                "google <- google_models_2026-11-20.json: ingested 2, skipped 1",
                "openai <- openai_models_2026-11-21.json: empty feed, nothing changed",
                "Models: 2 total, 2 active, 0 inactive",
                "By source: INDEX 2, INFERENCE 0, MANUAL 0");

        GhostProcess.Run stats = ghostRecords(db, "stats");
        assertThat(stats.exitCode()).isZero();
        assertThat(stats.stdout()).contains("Models: 2 total, 2 active, 0 inactive")
                .containsPattern("google\\s+2 total, 2 active, 0 inactive, last feed \\S+ \\(2 models\\)")
                .containsPattern("openai\\s+0 total, 0 active, 0 inactive, no fresh feed yet");
    }

    @Test
    void should_exit_1_and_name_the_file_when_one_failed() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        Files.writeString(dir.resolve("anthropic_models_2026-11-21.json"), "{\"data\": [\n  {\"id\": \"claude\"");
        Files.writeString(dir.resolve("mistral_models_2026-11-21.json"), "{\"data\": [{\"id\": \"m1\"}]}");

        GhostProcess.Run run = ghostRecords(db, "seed", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout())
                .containsPattern("anthropic <- anthropic_models_2026-11-21.json: FAILED: .*at line 2, column \\d+")
                .contains("mistral <- mistral_models_2026-11-21.json: ingested 1, skipped 0")
                .contains("Models: 1 total, 1 active, 0 inactive");
    }

    @Test
    void should_take_each_providers_newest_snapshot_unless_asked_for_all() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        Files.writeString(dir.resolve("openai_models_2026-11-20.json"), "{\"data\": [{\"id\": \"old-1\"}, {\"id\": \"kept\"}]}");
        Files.writeString(dir.resolve("openai_models_2026-12-05.json"), "{\"data\": [{\"id\": \"kept\"}]}");
        Files.writeString(dir.resolve("openai_models_20261129T120000Z.json"), "{\"data\": [{\"id\": \"old-2\"}]}");
        Files.writeString(dir.resolve("mistral_models.json"), "{\"data\": [{\"id\": \"m1\"}]}");

        GhostProcess.Run newest = ghostRecords(db, "seed", "--dir", dir.toString());
        assertThat(newest.exitCode()).as(newest.stderr()).isZero();
        assertThat(newest.stdout()).contains(
                "openai: left openai_models_2026-11-20.json (older than openai_models_2026-12-05.json; --all takes every file)",
                "openai: left openai_models_20261129T120000Z.json (older than openai_models_2026-12-05.json",
                "openai <- openai_models_2026-12-05.json: ingested 1",
                "mistral <- mistral_models.json: ingested 1",
                "Models: 2 total").doesNotContain("openai <- openai_models_2026-11-20.json");

        GhostProcess.Run all = ghostRecords(TestDatabase.fresh(), "seed", "--all", "--dir", dir.toString());
        assertThat(all.exitCode()).as(all.stderr()).isZero();
        assertThat(all.stdout()).doesNotContain(": left ").contains("Models: 4 total");
        // oldest first, by the time in the name
        assertThat(all.stdout().indexOf("openai_models_2026-11-20.json"))
                .isLessThan(all.stdout().indexOf("openai_models_20261129T120000Z.json"));
        assertThat(all.stdout().indexOf("openai_models_20261129T120000Z.json"))
                .isLessThan(all.stdout().indexOf("openai_models_2026-12-05.json"));
    }

    @Test
    void should_exit_1_with_a_clear_message_for_a_missing_folder() throws Exception {
        GhostProcess.Run run = ghostRecords(TestDatabase.fresh(), "seed", "--dir", dir.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("no such folder");
    }

    static GhostProcess.Run ghostRecords(TestDatabase.Database db, String... args) throws Exception {
        return GhostProcess.run(db, Map.of(), args);
    }
}
