package dev.ghostrecords.inference;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.JsonBody;
import dev.ghostrecords.catalog.ModelInput;

/**
 * An inference event body: one event or an array of at most 1000, read the same way whether it came
 * as a POST /api/inference-events body (route inference-record) or as a Kafka record's value
 * ({@link KafkaEvents}), so both refuse the same things with the same words.
 */
public final class InferenceEvents {

    private static final int MAX_EVENTS_PER_BODY = 1000;

    private final JsonBody body;

    public InferenceEvents(ObjectMapper json) {
        this.body = new JsonBody(json);
    }

    public List<ModelInput> parse(byte[] body) {
        JsonNode root = this.body.read(body);
        if (root.isObject()) {
            return List.of(ModelInput.parse(root, "event", true));
        }
        if (!root.isArray()) {
            throw new CatalogException.Invalid("expected an event object or an array of events");
        }
        if (root.size() > MAX_EVENTS_PER_BODY) {
            throw new CatalogException.Invalid("at most " + MAX_EVENTS_PER_BODY + " events per request, got " + root.size());
        }
        List<ModelInput> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(ModelInput.parse(root.get(i), "event [" + i + "]", true));
        }
        return events;
    }
}
