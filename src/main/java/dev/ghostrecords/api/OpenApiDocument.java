package dev.ghostrecords.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.converter.ModelConverters;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * /api/openapi.json: the document camel-openapi-java generates from the REST DSL, completed with
 * what every operation shares, declared here once rather than on each verb: the answers of the HTTP
 * edge (400 where the operation takes parameters or a body, 401 and 413 on the token-guarded operations,
 * 415 where it takes a body, 406, 503 with Retry-After; under {@code /v1/} in OpenAI's error shape),
 * and {@code security: []} on the open operations. Every GET also answers HEAD (HttpEdge), which the
 * document leaves implied as RFC 9110 does: a HEAD operation of its own breaks Dredd, which sends a
 * body with every request and a HEAD with a body is refused by its own HTTP client. Bound in the
 * registry, where Camel's rest-api endpoint looks for its {@link RestApiProcessorFactory} first.
 */
public final class OpenApiDocument implements RestApiProcessorFactory {

    private static final String OPENAI_PREFIX = "/v1/";

    private final RestApiProcessorFactory generator = new OpenApiRestApiProcessorFactory();
    private final ObjectMapper json;

    public OpenApiDocument(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Processor createApiProcessor(CamelContext context, String contextPath, RestConfiguration configuration,
                                        Map<String, Object> parameters) throws Exception {
        Processor generated = generator.createApiProcessor(context, contextPath, configuration, parameters);
        CamelContextAware.trySetCamelContext(generated, context);
        return new Completing(generated);
    }

    /** The answers every operation may give, and where. */
    private enum Common {
        BAD_REQUEST("400", "BadRequest", "bad input: the reason names the parameter or field"),
        UNAUTHORIZED("401", "Unauthorized", "no token, or the wrong one (when GHOST_API_TOKEN is set)"),
        NOT_ACCEPTABLE("406", "NotAcceptable", "the Accept header allows no JSON: every answer is application/json"),
        TOO_LARGE("413", "TooLarge", "the body is over 1 MiB"),
        NOT_JSON("415", "NotJson", "the body is not JSON (Content-Type)"),
        UNAVAILABLE("503", "Unavailable",
                "the catalog database is unreachable, or the service is starting or stopping; safe to retry (Retry-After)");

        final String status;
        private final String responseName;
        final String description;

        Common(String status, String responseName, String description) {
            this.status = status;
            this.responseName = responseName;
            this.description = description;
        }

        /** Its name under components.responses; under /v1/ the OpenAI-shaped twin's. */
        String responseName(boolean openAi) {
            return openAi ? "OpenAi" + responseName : responseName;
        }

        boolean applies(ObjectNode operation) {
            boolean body = operation.has("requestBody");
            boolean guarded = operation.path("security").size() > 0;
            return switch (this) {
                case BAD_REQUEST -> body || operation.path("parameters").size() > 0;
                case UNAUTHORIZED -> guarded;
                case TOO_LARGE -> guarded || body;
                case NOT_JSON -> body;
                case NOT_ACCEPTABLE, UNAVAILABLE -> true;
            };
        }
    }

    ObjectNode complete(ObjectNode document) {
        ObjectNode components = document.with("components");
        ObjectNode schemas = components.with("schemas");
        addSchemas(schemas, ApiError.class);
        addSchemas(schemas, OpenAiError.class);
        ObjectNode responses = components.with("responses");
        schemas.forEach(schema -> {
            if (schema.has("oneOf") && schema instanceof ObjectNode composed) {
                // swagger-core types every class "object"; one event or an array of them is either
                composed.remove("type");
            }
        });
        Set<String> usedTags = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.with("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            boolean openAi = path.getKey().startsWith(OPENAI_PREFIX);
            ObjectNode item = (ObjectNode) path.getValue();
            List<String> methods = new ArrayList<>();
            item.fieldNames().forEachRemaining(methods::add);
            for (String method : methods) {
                ObjectNode operation = (ObjectNode) item.get(method);
                operation.path("tags").forEach(tag -> usedTags.add(tag.asText()));
                exampleAsJson(operation.path("requestBody").path("content").path("application/json"));
                if (!operation.has("security")) {
                    // open: no token asked, whatever GHOST_API_TOKEN says
                    operation.putArray("security");
                }
                ObjectNode answers = operation.with("responses");
                for (Common common : Common.values()) {
                    if (common.applies(operation) && !answers.has(common.status)) {
                        String name = common.responseName(openAi);
                        answers.putObject(common.status).put("$ref", "#/components/responses/" + name);
                        if (!responses.has(name)) {
                            responses.set(name, response(common, openAi));
                        }
                    }
                }
                sortByStatus(operation);
            }
        }
        // a rest block that only declares the security scheme leaves a tag no operation has
        if (document.get("tags") instanceof ArrayNode tags) {
            for (Iterator<JsonNode> tag = tags.elements(); tag.hasNext(); ) {
                if (!usedTags.contains(tag.next().path("name").asText())) {
                    tag.remove();
                }
            }
        }
        return document;
    }

    /** A body example is written in the REST DSL as JSON text; the document holds it as JSON. */
    private void exampleAsJson(JsonNode mediaType) {
        if (mediaType instanceof ObjectNode media && media.path("example").isTextual()) {
            try {
                media.set("example", json.readTree(media.get("example").asText()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a body example in the REST DSL is not JSON: " + media.get("example"), e);
            }
        }
    }

    private ObjectNode response(Common common, boolean openAi) {
        ObjectNode response = json.createObjectNode();
        response.put("description", common.description);
        if (common == Common.UNAVAILABLE) {
            response.with("headers").with("Retry-After").put("description", "seconds to wait before trying again")
                    .with("schema").put("type", "integer");
        }
        response.with("content").with("application/json").with("schema")
                .put("$ref", "#/components/schemas/" + (openAi ? "OpenAiError" : "Error"));
        return response;
    }

    private void addSchemas(ObjectNode schemas, Class<?> type) {
        ModelConverters.getInstance().readAll(type).forEach((name, schema) -> {
            if (!schemas.has(name)) {
                schemas.set(name, io.swagger.v3.core.util.Json.mapper().valueToTree(schema));
            }
        });
    }

    /** Statuses in order, as a reader looks them up. */
    private static void sortByStatus(ObjectNode operation) {
        ObjectNode answers = (ObjectNode) operation.get("responses");
        List<String> statuses = new ArrayList<>();
        answers.fieldNames().forEachRemaining(statuses::add);
        statuses.sort(String::compareTo);
        ObjectNode sorted = answers.objectNode();
        statuses.forEach(status -> sorted.set(status, answers.get(status)));
        operation.set("responses", sorted);
    }

    /** Runs Camel's generator, then completes its JSON. */
    private final class Completing extends ServiceSupport implements Processor {
        private final Processor generated;

        Completing(Processor generated) {
            this.generated = generated;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            generated.process(exchange);
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            byte[] body = exchange.getMessage().getBody(byte[].class);
            if ((status != null && status != 200) || body == null || body.length == 0) {
                return;
            }
            JsonNode document = json.readTree(body);
            if (document instanceof ObjectNode object) {
                exchange.getMessage().setBody(json.writeValueAsBytes(complete(object)));
            }
        }

        @Override
        protected void doInit() {
            ServiceHelper.initService(generated);
        }

        @Override
        protected void doStart() {
            ServiceHelper.startService(generated);
        }

        @Override
        protected void doStop() {
            ServiceHelper.stopService(generated);
        }
    }
}
