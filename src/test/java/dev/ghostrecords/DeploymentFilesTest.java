package dev.ghostrecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator copies: the environment file lists every setting the service reads, with its real default. */
class DeploymentFilesTest {

    private static final Pattern SETTING = Pattern.compile("\\{\\{env:(GHOST_[A-Z0-9_]+):([^}]*)}}");
    /** The settings the container image sets in its environment (pom.xml, profile image). */
    private static final Pattern IMAGE_SETTING = Pattern.compile("<(GHOST_[A-Z0-9_]+)>");
    private static final Pattern LINE = Pattern.compile("^(# )?(GHOST_[A-Z0-9_]+)=(.*)$");

    @Test
    void should_list_every_setting_with_its_default_when_copying_the_environment_file() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = SETTING.matcher(Files.readString(Path.of("config/application.properties")));
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        Map<String, String> listed = new LinkedHashMap<>();
        Map<String, Boolean> commented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("deploy/ghost-records.env"))) {
            Matcher l = LINE.matcher(line);
            if (l.matches()) {
                listed.put(l.group(2), l.group(3));
                commented.put(l.group(2), l.group(1) != null);
            }
        }
        assertThat(listed).as("deploy/ghost-records.env lists every GHOST_* of config/application.properties")
                .containsKeys(defaults.keySet().toArray(String[]::new))
                .containsKeys(LogSettings.FORMAT, LogSettings.LEVEL);
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher image = IMAGE_SETTING.matcher(pom.substring(pom.indexOf("<environment>"), pom.indexOf("</environment>")));
        java.util.Set<String> imageSets = new java.util.HashSet<>();
        while (image.find()) {
            imageSets.add(image.group(1));
        }
        assertThat(imageSets).contains("GHOST_HTTP_HOST", "GHOST_MANAGEMENT_HOST");
        defaults.forEach((name, value) -> {
            if (imageSets.contains(name)) {
                // docker run --env-file must not undo the image's addresses and folders
                assertThat(commented.get(name)).as(name + " is commented out").isTrue();
                assertThat(listed.get(name)).as(name + " shows its default").isEqualTo(value);
            } else if (commented.get(name)) {
                // a secret: commented out, no value
                assertThat(listed.get(name)).as(name).isEmpty();
                assertThat(value).as(name + " has no default").isEmpty();
            } else {
                assertThat(listed.get(name)).as(name + " in deploy/ghost-records.env is its default").isEqualTo(value);
            }
        });
    }
}
