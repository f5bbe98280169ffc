package dev.ghostrecords;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes are named one by one in application.properties (no jar scan): a file left out would never run. */
class RouteFilesTest {

    @Test
    void should_load_every_route_file_in_the_routes_folder() throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            settings.load(reader);
        }
        String[] loaded = settings.getProperty("camel.main.routes-include-pattern").split("\\s*,\\s*");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(Arrays.asList(loaded)).containsExactlyInAnyOrderElementsOf(
                    files.map(file -> "classpath:routes/" + file.getFileName()).toList());
        }
    }
}
