package dev.ghostrecords.fetch;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;

/**
 * The pages of a provider's list of models: the request of each (its query and the kind's headers)
 * and the reading of a 2xx answer, which must be JSON in the kind's envelope and names the next page.
 */
public final class FetchPaging {

    /** a provider whose paging never ends is a broken provider, not a big one */
    static final int MAX_PAGES = 1000;

    private final ProviderKeys keys;
    private final ObjectMapper json;

    public FetchPaging(ProviderKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public void nextPage(@Variable("progress") FetchProgress progress) {
        progress.nextPage();
        if (progress.pages() > MAX_PAGES) {
            progress.fail("page " + progress.pages() + ": more than " + MAX_PAGES + " pages, the paging does not end");
        }
    }

    /** One attempt at the page: its URL and query, and the kind's headers, the key among them. */
    public void request(@Variable("progress") FetchProgress progress, Message message) {
        Provider provider = progress.provider();
        progress.attempted();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_URI, provider.modelsUrl());
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        if (progress.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, progress.query());
        }
        provider.kind().headers(keys.key(provider)).forEach(message::setHeader);
    }

    /**
     * A 2xx answer: JSON in the kind's envelope, whose entries are kept and which names the next page
     * (or none); anything else fails the fetch, not retried: the provider answered in full.
     */
    public void read(@Variable("progress") FetchProgress progress, Message answer) {
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String failure = status + " but ";
        byte[] body = answer.getBody(byte[].class);
        JsonNode page;
        try {
            page = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            String type = answer.getHeader(Exchange.CONTENT_TYPE, "", String.class);
            fail(progress, failure + (type.toLowerCase(Locale.ROOT).contains("html") ? "an HTML page (" + type + "), not JSON"
                    : "not JSON: " + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage())));
            return;
        }
        if (page == null || page.isMissingNode()) {
            fail(progress, failure + "an empty body, not JSON");
            return;
        }
        Kind kind = progress.provider().kind();
        JsonNode entries;
        try {
            entries = kind.entries(page);
        } catch (Kind.NotTheEnvelope e) {
            fail(progress, failure + e.getMessage());
            return;
        }
        String next = kind.nextQuery(page);
        if (next != null && next.equals(progress.query())) {
            progress.fail("page " + progress.pages() + ": the provider sent the same page token again, the paging does not end");
            return;
        }
        progress.answered(entries, next);
    }

    private void fail(FetchProgress progress, String reason) {
        progress.fail(keys.scrub(progress.where() + ": HTTP " + reason, progress.provider()));
    }
}
