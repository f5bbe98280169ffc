package dev.ghostrecords.feeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ghostrecords.TestDatabase;
import dev.ghostrecords.database.CatalogDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A long feed file through the real ingester and PostgreSQL: progress lines while it is read. */
class FeedProgressIT {

    @TempDir
    Path dir;

    @Test
    void should_log_how_far_reading_got_when_a_long_feed_is_ingested() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        CatalogDatabase database = CatalogDatabase.open(db.url(), db.user(), db.password(), dir.resolve("data"), 0, 2, false, List.of());
        try (LogLines log = LogLines.of(FeedProgress.class)) {
            Path file = dir.resolve("long_models_1.json");
            Files.writeString(file, IntStream.range(0, 3000).mapToObj(i -> "{\"id\": \"long-" + i + "\"}")
                    .collect(Collectors.joining(",", "{\"data\": [", "]}")));
            // every check of the clock is due: a line per 1,024 entries, as a 300,000-model file gets one per 5 s
            IngestionResult result = new FeedIngester(Jdbi.create(database.dataSource()), Duration.ZERO).ingestNow(file);

            assertThat(result.status()).isEqualTo(IngestionResult.Status.OK);
            assertThat(result.ingested()).isEqualTo(3000);
            // and, the merge taking longer than the shortest tick (100 ms), maybe "merging ... s so far" lines
            assertThat(log.lines().stream().filter(line -> !line.endsWith("s so far") || line.contains("reading:")))
                    .satisfiesExactly(
                    line -> assertThat(line).startsWith("INFO provider=long file=long_models_1.json reading: 1024 entries so far"),
                    line -> assertThat(line).startsWith("INFO provider=long file=long_models_1.json reading: 2048 entries so far"),
                    line -> assertThat(line).startsWith("INFO provider=long file=long_models_1.json read 3000 entries in ")
                            .endsWith("s, merging into the catalog"));
        } finally {
            database.stop();
        }
    }
}
