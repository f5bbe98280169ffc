package dev.ghostrecords;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("ghost.log.format");
        System.clearProperty("ghost.log.level");
        System.clearProperty("ghost.log.target");
        System.clearProperty("ghost.log.libraries");
    }

    @Test
    void should_keep_the_libraries_start_up_details_for_debug_and_below() {
        LogSettings.apply(Map.of());
        assertThat(System.getProperty("ghost.log.libraries")).isEqualTo("WARN");
        LogSettings.apply(Map.of("GHOST_LOG_LEVEL", "info"));
        assertThat(System.getProperty("ghost.log.libraries")).isEqualTo("WARN");
        LogSettings.apply(Map.of("GHOST_LOG_LEVEL", "debug"));
        assertThat(System.getProperty("ghost.log.libraries")).isEqualTo("DEBUG");
        LogSettings.apply(Map.of("GHOST_LOG_LEVEL", "ERROR"));
        assertThat(System.getProperty("ghost.log.libraries")).isEqualTo("ERROR");
    }

    @Test
    void should_choose_the_layout_and_level_when_they_are_set_in_any_case() {
        LogSettings.apply(Map.of("GHOST_LOG_FORMAT", " JSON ", "GHOST_LOG_LEVEL", "debug"));
        assertThat(System.getProperty("ghost.log.format")).isEqualTo("json");
        assertThat(System.getProperty("ghost.log.level")).isEqualTo("DEBUG");
    }

    @Test
    void should_log_text_at_the_default_level_when_nothing_is_set() {
        LogSettings.apply(Map.of());
        assertThat(System.getProperty("ghost.log.format")).isEqualTo("text");
        assertThat(System.getProperty("ghost.log.level")).isNull();
    }

    @Test
    void should_refuse_a_format_or_level_naming_the_variable() {
        assertThatThrownBy(() -> LogSettings.apply(Map.of("GHOST_LOG_FORMAT", "xml")))
                .hasMessage("GHOST_LOG_FORMAT='xml' must be text or json");
        assertThatThrownBy(() -> LogSettings.apply(Map.of("GHOST_LOG_LEVEL", "loud")))
                .hasMessageStartingWith("GHOST_LOG_LEVEL='loud' must be one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    @Test
    void should_keep_commands_at_warn_unless_a_level_is_set() {
        LogSettings.quietCommand(Map.of());
        assertThat(System.getProperty("ghost.log.level")).isEqualTo("WARN");
        assertThat(System.getProperty("ghost.log.target")).isEqualTo("SYSTEM_ERR");

        System.setProperty("ghost.log.level", "DEBUG");
        LogSettings.quietCommand(Map.of("GHOST_LOG_LEVEL", "DEBUG"));
        assertThat(System.getProperty("ghost.log.level")).isEqualTo("DEBUG");
    }
}
