package dev.ghostrecords.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/alerts.yaml, the rules an operator loads into Prometheus, checked by Prometheus's own tool. */
class AlertRulesTest {

    @Test
    void should_be_valid_prometheus_rules_when_checked_by_promtool() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "rules", "docs/alerts.yaml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void should_fire_each_alert_on_the_series_the_service_exports_when_unit_tested_by_promtool() throws Exception {
        // docs/alerts-test.yaml: every alert, firing and quiet (target down, database down, stale feed
        // with the default and a custom window, a FAILED file of a known and of a new provider, held sweeps)
        Promtool.Result result = Promtool.run(null, "test", "rules", "docs/alerts-test.yaml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
