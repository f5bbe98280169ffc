package dev.ghostrecords.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.catalog.ModelInput;
import org.junit.jupiter.api.Test;

import static dev.ghostrecords.catalog.Refusals.body;
import static dev.ghostrecords.catalog.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** An inference event body, as POST /api/inference-events and a Kafka record's value bring it. */
class InferenceEventsTest {

    private final InferenceEvents events = new InferenceEvents(new ObjectMapper());

    @Test
    void should_read_one_event_or_an_array_of_events() {
        assertThat(events.parse(body("{\"providerId\": \"GW\", \"modelId\": \"m\"}")))
                .containsExactly(new ModelInput("gw", "m", null, null, null));
        assertThat(events.parse(body("[{\"providerId\": \"gw\", \"modelId\": \"a\"}, {\"providerId\": \"gw\", \"modelId\": \"b\"}]")))
                .extracting(ModelInput::modelId).containsExactly("a", "b");
        assertThat(events.parse(body("[]"))).isEmpty();
    }

    @Test
    void should_say_where_a_body_stops_being_json_in_words_not_jacksons() {
        // 28 characters, then the end (column 29): Jackson's own message named its source, REDACTED, and VALUE_STRING
        refused(() -> events.parse(body("{\"providerId\": \"gw\", \"modelI")),
                "the body is not valid JSON: unexpected end at line 1, column 29");
        refused(() -> events.parse(body("{\"providerId\": \"gw\", \"modelId\": \"a\"} {}")),
                "the body is not valid JSON: more content after the JSON value at line 1, column 38");
    }

    @Test
    void should_name_the_event_and_the_problem_in_a_bad_body() {
        refused(() -> events.parse(body("{not json")),
                "the body is not valid JSON: unexpected character 'n': expected double-quote to start field name at line 1, column 2");
        refused(() -> events.parse(body("")), "the body is empty: send a JSON object");
        refused(() -> events.parse(null), "the body is empty: send a JSON object");
        refused(() -> events.parse(body("\"gpt-4o\"")), "expected an event object or an array of events");
        refused(() -> events.parse(body("[{\"providerId\": \"gw\", \"modelId\": \"a\"}, {\"providerId\": \"gw\"}]")),
                "event [1]: modelId is missing");
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, "{\"providerId\": \"gw\", \"modelId\": \"a\"}")) + "]";
        refused(() -> events.parse(body(tooMany)), "at most 1000 events per request, got 1001");
    }

    @Test
    void should_refuse_ids_the_catalog_could_not_read_back_over_http_and_kafka_alike() {
        refused(() -> events.parse(body("[{\"providerId\": \"gw\", \"modelId\": \"a\"}, {\"providerId\": \"my gw\", \"modelId\": \"a\"}]")),
                "event [1]: providerId 'my gw' is not a provider id: a provider id is 1-128 characters of a-z, 0-9, '-', '_' and '.'");
        refused(() -> events.parse(body("{\"providerId\": \"gw\", \"modelId\": \"" + "m".repeat(5000) + "\"}")),
                "event: modelId is longer than 1024 characters");
    }
}
