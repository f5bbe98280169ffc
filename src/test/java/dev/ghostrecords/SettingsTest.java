package dev.ghostrecords;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static Settings settings(Map<String, String> values) {
        return new Settings(values::get);
    }

    @Test
    void should_read_good_values() {
        Settings settings = settings(Map.of("ghost.db.pool-size", " 12 ", "ghost.stale.after-hours", "0.5",
                "ghost.stale.max-fraction", "1"));
        assertThat(settings.integer("ghost.db.pool-size", 1, 1000)).isEqualTo(12);
        assertThat(settings.positive("ghost.stale.after-hours")).isEqualTo(0.5);
        assertThat(settings.fraction("ghost.stale.max-fraction")).isEqualTo(1.0);
        assertThat(settings.text("ghost.api.token")).isEmpty();
    }

    @Test
    void should_name_the_variable_the_value_and_what_it_must_be() {
        assertThatThrownBy(() -> settings(Map.of("ghost.stale.max-fraction", "abc")).fraction("ghost.stale.max-fraction"))
                .hasMessage("GHOST_STALE_MAX_FRACTION='abc' must be a number above 0 and at most 1 (0.5 = half)"
                        + " (setting ghost.stale.max-fraction)");
        assertThatThrownBy(() -> settings(Map.of("camel.server.port", "abc")).integer("camel.server.port", 1, 65535))
                .hasMessage("GHOST_HTTP_PORT='abc' must be a whole number from 1 to 65535 (setting camel.server.port)");
        assertThatThrownBy(() -> settings(Map.of("ghost.purge.after-days", "-5")).positive("ghost.purge.after-days"))
                .hasMessage("GHOST_PURGE_AFTER_DAYS='-5' must be a positive number (setting ghost.purge.after-days)");
    }

    @Test
    void should_refuse_numbers_out_of_range() {
        assertThatThrownBy(() -> settings(Map.of("camel.management.port", "70000")).integer("camel.management.port", 1, 65535))
                .hasMessageStartingWith("GHOST_MANAGEMENT_PORT='70000'");
        assertThatThrownBy(() -> settings(Map.of("ghost.stale.max-fraction", "1.5")).fraction("ghost.stale.max-fraction"))
                .hasMessageStartingWith("GHOST_STALE_MAX_FRACTION='1.5'");
        assertThatThrownBy(() -> settings(Map.of("ghost.stale.after-hours", "NaN")).positive("ghost.stale.after-hours"))
                .hasMessageStartingWith("GHOST_STALE_AFTER_HOURS='NaN'");
        assertThatThrownBy(() -> settings(Map.of()).integer("ghost.inference.commit-timeout", 1, Integer.MAX_VALUE))
                .hasMessageStartingWith("GHOST_INFERENCE_COMMIT_TIMEOUT=''");
    }

    @Test
    void should_take_a_quartz_cron_or_never_and_refuse_anything_else() {
        assertThat(settings(Map.of("ghost.stale.cron", "0 0 * * * ?")).cron("ghost.stale.cron")).isEqualTo("0 0 * * * ?");
        assertThat(settings(Map.of("ghost.purge.cron", "Never")).cron("ghost.purge.cron")).isNull();
        assertThatThrownBy(() -> settings(Map.of("ghost.stale.cron", "@hourly")).cron("ghost.stale.cron"))
                .hasMessageStartingWith("GHOST_STALE_CRON='@hourly' must be a Quartz cron with seconds, such as '0 0 * * * ?'"
                        + " (hourly), or 'never' to turn the schedule off")
                .hasMessageEndingWith("(setting ghost.stale.cron)");
        // a Unix cron (five fields, no seconds) is the likely mistake
        assertThatThrownBy(() -> settings(Map.of("ghost.purge.cron", "30 3 * * *")).cron("ghost.purge.cron"))
                .hasMessageStartingWith("GHOST_PURGE_CRON='30 3 * * *' must be a Quartz cron");
        // too short for Quartz's parser: its words, not the Java exception it hit
        assertThatThrownBy(() -> settings(Map.of("ghost.purge.cron", "xx")).cron("ghost.purge.cron"))
                .hasMessageStartingWith("GHOST_PURGE_CRON='xx' must be a Quartz cron")
                .hasMessageNotContaining("java.lang").hasMessageNotContaining("Exception")
                .hasMessageEndingWith("(setting ghost.purge.cron)");
    }
}
