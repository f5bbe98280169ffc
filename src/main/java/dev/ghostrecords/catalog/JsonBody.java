package dev.ghostrecords.catalog;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** A request body read as one JSON value; what does not parse is refused, saying where. */
public final class JsonBody {

    private final ObjectReader reader;

    public JsonBody(ObjectMapper json) {
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonNode read(byte[] body) {
        JsonNode root;
        try {
            // from the bytes: decoding to a String first cost as much as the parse; content after the
            // value ({"a":1} x) is refused, not ignored
            root = reader.readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            throw new CatalogException.Invalid(JsonProblems.describe(e));
        } catch (IOException e) {
            throw new CatalogException.Invalid("the body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new CatalogException.Invalid("the body is empty: send a JSON object");
        }
        return root;
    }
}
