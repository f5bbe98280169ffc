package dev.ghostrecords.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.JsonProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which status each failure is answered with. */
class ApiErrorsTest {

    @Test
    void should_answer_each_domain_failure_with_its_status() {
        assertThat(ApiErrors.status(new CatalogException.Invalid("x"))).isEqualTo(400);
        assertThat(ApiErrors.status(new CatalogException.NotFound("x"))).isEqualTo(404);
        assertThat(ApiErrors.status(new CatalogException.Conflict("x"))).isEqualTo(409);
        assertThat(ApiErrors.status(new CatalogException.Unavailable("x", null))).isEqualTo(503);
        assertThat(ApiErrors.status(new CatalogException.CommitTimedOut("x", null))).isEqualTo(503);
        assertThat(ApiErrors.status(new ApiException(401, "x"))).isEqualTo(401);
        assertThat(ApiErrors.status(new ApiException(415, "x"))).isEqualTo(415);
    }

    @Test
    void should_answer_503_when_the_database_is_away_however_deep_the_cause() {
        Exception wrapped = new RuntimeException("statement failed",
                new SQLTransientConnectionException("catalog - Connection is not available, request timed out after 5000ms"));
        assertThat(ApiErrors.status(wrapped)).isEqualTo(503);
        assertThat(ApiErrors.status(new SQLException("terminating connection", "57P01"))).isEqualTo(503);
        assertThat(ApiErrors.status(new SQLException("connection refused", "08001"))).isEqualTo(503);
    }

    @Test
    void should_answer_500_for_what_is_neither_the_client_nor_the_database_being_away() {
        assertThat(ApiErrors.status(new SQLException("syntax error", "42601"))).isEqualTo(500);
        assertThat(ApiErrors.status(new IllegalStateException("bug"))).isEqualTo(500);
    }

    @Test
    void should_answer_400_in_words_for_a_body_jackson_could_not_read_however_deep() {
        JsonProcessingException unreadable = org.junit.jupiter.api.Assertions.assertThrows(JsonProcessingException.class,
                () -> Json.mapper().readTree("{\"providerId\":"));
        Exception wrapped = new RuntimeException("unmarshal failed", unreadable);
        assertThat(ApiErrors.status(wrapped)).isEqualTo(400);
        assertThat(JsonProblems.describe(ApiErrors.unreadableBody(wrapped)))
                .isEqualTo("the body is not valid JSON: unexpected end at line 1, column 15");
    }
}
