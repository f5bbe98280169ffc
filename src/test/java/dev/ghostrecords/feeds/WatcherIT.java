package dev.ghostrecords.feeds;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watched folder across restarts and slow writers. */
class WatcherIT {

    @TempDir
    Path inbox;

    @Test
    void should_not_ingest_unchanged_files_again_after_a_restart() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        Files.writeString(inbox.resolve("first_models_1.json"), "{\"data\": [{\"id\": \"f1\"}]}");
        try (RunningService service = RunningService.start(db, inbox)) {
            awaitRows(service, "first_models_1.json", 1);
        }
        try (RunningService service = RunningService.start(db, inbox)) {
            Files.writeString(inbox.resolve("second_models_1.json"), "{\"data\": [{\"id\": \"s1\"}]}");
            awaitRows(service, "second_models_1.json", 1);
            assertThat(service.count("select count(*) from ingestion where file_name = 'first_models_1.json'")).isEqualTo(1);
            assertThat(Files.exists(inbox.resolve("first_models_1.json"))).as("files stay where they are").isTrue();
        }
    }

    @Test
    void should_not_read_a_file_while_it_is_being_written() throws Exception {
        try (RunningService service = new RunningService(TestDatabase.fresh(), inbox,
                java.util.Map.of("ghost.models.quiet-period", "500")).start()) {
            Path file = inbox.resolve("slow_models_1.json");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write("{\"data\": [".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 20; i++) {
                    out.write(((i == 0 ? "" : ",") + "{\"id\": \"slow-" + i + "\"}").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100); // a fetcher streaming a response into the folder
                }
                out.write("]}".getBytes(StandardCharsets.UTF_8));
            }
            awaitRows(service, "slow_models_1.json", 1);
            assertThat(service.rows("select status, models_ingested from ingestion where file_name = 'slow_models_1.json'"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("status")).isEqualTo("OK");
                        assertThat(r.get("models_ingested")).isEqualTo(20);
                    });
        }
    }

    private static void awaitRows(RunningService service, String fileName, int rows) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> service.count("select count(*) from ingestion where file_name = ?", fileName) >= rows);
    }
}
