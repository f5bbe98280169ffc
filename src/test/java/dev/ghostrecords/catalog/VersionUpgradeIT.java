package dev.ghostrecords.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.ghostrecords.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog that kept every version as a row of its own (up to V8) upgraded to the current version
 * kept on the model row (V9): the same history through model_version, before and after.
 */
class VersionUpgradeIT {

    @Test
    void should_keep_every_version_through_the_upgrade() throws Exception {
        TestDatabase.Database db = TestDatabase.fresh();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("8").load().migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into provider (id) values ('up');
                    -- never changed: its only version began when it was first seen
                    insert into model (provider_id, model_id, name, is_active, source, first_seen_at, last_seen_at)
                    values ('up', 'same', 'Same', true, 'INDEX', '2026-01-01Z', '2026-03-01Z'),
                           ('up', 'changed', 'New name', true, 'INDEX', '2026-01-01Z', '2026-03-01Z');
                    insert into model_version (provider_id, model_id, valid_from, valid_to, name) values
                        ('up', 'same', '2026-01-01Z', null, 'Same'),
                        ('up', 'changed', '2026-01-01Z', '2026-02-01Z', 'Old name'),
                        ('up', 'changed', '2026-02-01Z', null, 'New name'),
                        -- purged before the upgrade: its version was left open
                        ('up', 'purged', '2026-01-01Z', null, 'Gone');
                    insert into model_event (provider_id, model_id, kind, source, at)
                    values ('up', 'purged', 'PURGED', 'INDEX', '2026-02-15Z');
                    """);
        }
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .load().migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(versions(s)).containsExactly(
                    "changed 2026-01-01 2026-02-01 Old name",
                    "changed 2026-02-01 - New name",
                    "purged 2026-01-01 2026-02-15 Gone",
                    "same 2026-01-01 - Same");
            // the current version is the model row: a deleted model's ends at its deletion
            s.execute("delete from model where model_id = 'same'");
            assertThat(versions(s)).filteredOn(v -> v.startsWith("same"))
                    .singleElement().asString().startsWith("same 2026-01-01 20").doesNotEndWith("- Same");
        }
    }

    private static List<String> versions(Statement s) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
                select model_id, to_char(valid_from at time zone 'UTC', 'YYYY-MM-DD') as f,
                       coalesce(to_char(valid_to at time zone 'UTC', 'YYYY-MM-DD'), '-') as t, name
                from model_version where provider_id = 'up' order by model_id, valid_from""")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }
}
