package dev.ghostrecords.catalog;

import java.time.Instant;
import java.util.List;

import dev.ghostrecords.catalog.CatalogRevisions.Revision;
import dev.ghostrecords.catalog.CatalogRevisions.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalGetTest {

    @Test
    void should_read_if_none_match_as_rfc_9110_has_it() {
        assertThat(ConditionalGet.entityTags("\"c1\"")).containsExactly("\"c1\"");
        assertThat(ConditionalGet.entityTags(" \"a\" ,W/\"c1\",\t\"\" ")).containsExactly("\"a\"", "\"c1\"", "\"\"");
        assertThat(ConditionalGet.entityTags("*")).containsExactly("*");
        for (String malformed : List.of("c1", "\"c1", "\"c1\" x", "W/", "W/c1", "\"a\" \"b\"", "\"a b\"", ",", "*, \"a\"")) {
            assertThat(ConditionalGet.entityTags(malformed)).as(malformed).isNull();
        }
        assertThat(ConditionalGet.entityTags(null)).isNull();
        assertThat(ConditionalGet.entityTags(" ")).isNull();
    }

    @Test
    void should_match_the_current_tag_and_a_clock_tag_until_it_expires() {
        Instant now = Instant.ofEpochSecond(1_000);
        assertThat(ConditionalGet.match(List.of("\"c1\"", "\"c7\""), "\"c7\"", now, false)).isEqualTo("\"c7\"");
        assertThat(ConditionalGet.match(List.of("\"c6\""), "\"c7\"", now, false)).isNull();
        assertThat(ConditionalGet.match(List.of("\"l7\""), "\"c7\"", now, false)).isNull();
        assertThat(ConditionalGet.match(List.of("*"), "\"c7\"", now, false)).isEqualTo("\"c7\"");
        assertThat(ConditionalGet.match(List.of("*"), "\"c7\"", now, true)).isNull();
        assertThat(ConditionalGet.match(List.of("\"c7-1001\""), "\"c7\"", now, true)).isEqualTo("\"c7-1001\"");
        assertThat(ConditionalGet.match(List.of("\"c7-1000\""), "\"c7\"", now, true)).isNull();
        assertThat(ConditionalGet.match(List.of("\"c7-x\"", "\"c77\""), "\"c7\"", now, true)).isNull();
    }

    @Test
    void should_date_an_answer_a_second_early_while_its_second_may_still_change() {
        Revision revision = new Revision(Scope.CATALOG, 3, Instant.parse("2026-12-05T10:00:00.400Z"));
        assertThat(ConditionalGet.lastModified(revision, Instant.parse("2026-12-05T10:00:01Z"))).isEqualTo("2026-12-05T09:59:59Z");
        assertThat(ConditionalGet.lastModified(revision, Instant.parse("2026-12-05T10:00:03Z"))).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(ConditionalGet.httpDate("Sat, 05 Dec 2026 10:00:00 GMT")).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(ConditionalGet.httpDate("yesterday")).isNull();
    }
}
