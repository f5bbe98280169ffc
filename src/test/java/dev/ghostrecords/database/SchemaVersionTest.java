package dev.ghostrecords.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-shot command skips Flyway at SCHEMA_VERSION: it must be the newest migration, or a new one would never run for it. */
class SchemaVersionTest {

    @Test
    void should_name_the_newest_migration() throws IOException {
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = migrations.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(CatalogDatabase.SCHEMA_VERSION).isEqualTo(Integer.toString(newest));
        }
    }
}
