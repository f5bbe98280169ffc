package dev.ghostrecords;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {


    @Test
    void should_read_good_values() {
        assertThat(Settings.integer("ghost.db.pool-size", " 12 ", 1, 1000)).isEqualTo(12);
        assertThat(Settings.positive("ghost.stale.after-hours", "0.5")).isEqualTo(0.5);
        assertThat(Settings.fraction("ghost.stale.max-fraction", "1")).isEqualTo(1.0);
        assertThat(Settings.stripped(null)).isEmpty();
    }

    @Test
    void should_name_the_variable_the_value_and_what_it_must_be() {
        assertThatThrownBy(() -> Settings.fraction("ghost.stale.max-fraction", "abc"))
                .hasMessage("GHOST_STALE_MAX_FRACTION='abc' must be a number above 0 and at most 1 (0.5 = half)"
                        + " (setting ghost.stale.max-fraction)");
        assertThatThrownBy(() -> Settings.integer("camel.server.port", "abc", 1, 65535))
                .hasMessage("GHOST_HTTP_PORT='abc' must be a whole number from 1 to 65535 (setting camel.server.port)");
        assertThatThrownBy(() -> Settings.positive("ghost.purge.after-days", "-5"))
                .hasMessage("GHOST_PURGE_AFTER_DAYS='-5' must be a positive number (setting ghost.purge.after-days)");
    }

    @Test
    void should_check_the_history_retention() {
        assertThat(Settings.positive("ghost.history.retention-days", " 90 ")).isEqualTo(90.0);
        assertThat(Settings.positive("ghost.history.retention-days", "0.5")).isEqualTo(0.5);
        for (String bad : new String[] {"0", "-1", "abc", "", "Infinity", "NaN"}) {
            assertThatThrownBy(() -> Settings.positive("ghost.history.retention-days", bad))
                    .hasMessage("GHOST_HISTORY_RETENTION_DAYS='" + bad + "' must be a positive number (setting ghost.history.retention-days)");
        }
    }

    @Test
    void should_refuse_numbers_out_of_range() {
        assertThatThrownBy(() -> Settings.integer("camel.management.port", "70000", 1, 65535))
                .hasMessageStartingWith("GHOST_MANAGEMENT_PORT='70000'");
        assertThatThrownBy(() -> Settings.fraction("ghost.stale.max-fraction", "1.5"))
                .hasMessageStartingWith("GHOST_STALE_MAX_FRACTION='1.5'");
        assertThatThrownBy(() -> Settings.positive("ghost.stale.after-hours", "NaN"))
                .hasMessageStartingWith("GHOST_STALE_AFTER_HOURS='NaN'");
        assertThatThrownBy(() -> Settings.integer("ghost.inference.commit-timeout", null, 1, Integer.MAX_VALUE))
                .hasMessageStartingWith("GHOST_INFERENCE_COMMIT_TIMEOUT=''");
    }

    @Test
    void should_take_a_quartz_cron_or_never_and_refuse_anything_else() {
        assertThat(Settings.cron("ghost.stale.cron", "0 0 * * * ?")).isEqualTo("0 0 * * * ?");
        assertThat(Settings.cron("ghost.purge.cron", "Never")).isNull();
        assertThatThrownBy(() -> Settings.cron("ghost.stale.cron", "@hourly"))
                .hasMessageStartingWith("GHOST_STALE_CRON='@hourly' must be a Quartz cron with seconds, such as '0 0 * * * ?'"
                        + " (hourly), or 'never' to turn the schedule off")
                .hasMessageEndingWith("(setting ghost.stale.cron)");
        // a Unix cron (five fields, no seconds) is the likely mistake
        assertThatThrownBy(() -> Settings.cron("ghost.purge.cron", "30 3 * * *"))
                .hasMessageStartingWith("GHOST_PURGE_CRON='30 3 * * *' must be a Quartz cron");
        // too short for Quartz's parser: its words, not the Java exception it hit
        assertThatThrownBy(() -> Settings.cron("ghost.purge.cron", "xx"))
                .hasMessageStartingWith("GHOST_PURGE_CRON='xx' must be a Quartz cron")
                .hasMessageNotContaining("java.lang").hasMessageNotContaining("Exception")
                .hasMessageEndingWith("(setting ghost.purge.cron)");
    }
}
