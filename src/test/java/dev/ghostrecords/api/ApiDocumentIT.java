package dev.ghostrecords.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /api/openapi.json as a client generator reads it: valid, with bodies, errors and the bearer scheme. */
class ApiDocumentIT {

    private static final String TOKEN = "doc-token-51c2";

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;
    static String document;

    @BeforeAll
    static void start() throws Exception {
        Files.copy(Path.of("latest_models/openai_models_2026-11-20.json"), inbox.resolve("openai_models_2026-11-20.json"));
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN)).start();
        api = new ApiClient(service, TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 1);
        Answer answer = api.get("/api/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        document = answer.text();
        // kept for linters run on the document as served (docs/ARCHITECTURE.md)
        Files.writeString(Path.of("target/openapi.json"), document);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static OpenAPI parsed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(result.getMessages()).as("swagger-parser's validation messages").isEmpty();
        return result.getOpenAPI();
    }

    @Test
    void should_serve_the_document_from_a_route_with_an_id_of_its_own() throws Exception {
        String health = ApiClient.send(java.net.http.HttpRequest.newBuilder(
                service.managementUrl("/observe/health?exposureLevel=full")).build()).text();
        assertThat(health).contains("\"name\":\"route:api-openapi\"").doesNotContainPattern("\"route:route\\d+\"");
    }

    @Test
    void should_serve_a_document_swagger_parser_finds_nothing_wrong_with() {
        OpenAPI doc = parsed();
        assertThat(doc.getOpenapi()).startsWith("3.");
        assertThat(doc.getServers()).allSatisfy(server -> assertThat(server.getUrl()).doesNotContain("0.0.0.0"));
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                op.getResponses().forEach((code, response) -> {
                    // the answers every operation shares are declared once, under components.responses
                    ApiResponse declared = response.get$ref() == null ? response
                            : doc.getComponents().getResponses().get(response.get$ref().substring("#/components/responses/".length()));
                    assertThat(declared.getDescription()).as(method + " " + path + " " + code).isNotBlank();
                })));
    }

    @Test
    void should_describe_bodies_errors_and_the_bearer_scheme() {
        OpenAPI doc = parsed();
        assertThat(doc.getComponents().getSchemas()).containsKeys("Model", "ModelPage", "Stats", "Ingestion", "ModelEvent",
                "StaleRun", "PurgeRun", "Error", "ModelInput", "Recorded");
        assertThat(doc.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");

        Operation list = doc.getPaths().get("/api/models").getGet();
        assertThat(list.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/ModelPage");
        assertThat(list.getResponses().get("400").get$ref()).isEqualTo("#/components/responses/BadRequest");
        assertThat(doc.getComponents().getResponses().get("BadRequest").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Error");
        assertThat(doc.getPaths().get("/v1/models").getGet().getResponses().get("503").get$ref())
                .isEqualTo("#/components/responses/OpenAiUnavailable");

        Operation events = doc.getPaths().get("/api/inference-events").getPost();
        assertThat(events.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/InferenceEvents");
        // every POST names the bearer scheme, and every operation says how it fails
        doc.getPaths().forEach((path, item) -> {
            if (item.getPost() != null) {
                assertThat(item.getPost().getSecurity()).as("POST " + path).anySatisfy(s -> assertThat(s).containsKey("bearer"));
                assertThat(item.getPost().getResponses()).as("POST " + path).containsKeys("401", "503");
            }
            item.readOperationsMap().forEach((method, op) -> assertThat(op.getResponses().keySet())
                    .as(method + " " + path).anyMatch(code -> code.startsWith("2")));
        });
    }

    @Test
    void should_describe_every_field_the_api_answers_with() throws Exception {
        OpenAPI doc = parsed();
        api.post("/api/inference-events", "{\"providerId\": \"doc\", \"modelId\": \"m\"}");
        assertFields(doc, "ModelPage", api.get("/api/models?limit=2").body());
        assertFields(doc, "Model", api.get("/api/models?limit=2").body().get("models").get(0));
        assertFields(doc, "Stats", api.get("/api/stats").body());
        assertFields(doc, "ProviderStats", api.get("/api/stats").body().get("providers").get(0));
        assertFields(doc, "Ingestion", api.get("/api/ingestions").body().get(0));
        assertFields(doc, "ModelEvent", api.get("/api/events").body().get(0));
        assertFields(doc, "StaleRun", api.post("/api/maintenance/mark-stale?dryRun=true", "").body());
        assertFields(doc, "PurgeRun", api.post("/api/maintenance/purge?dryRun=true", "").body());
        assertFields(doc, "MaintenanceRun", api.get("/api/maintenance/runs").body().get(0));
        assertFields(doc, "LifecycleSettings", api.get("/api/settings").body());
        assertFields(doc, "OpenAiModelList", api.get("/v1/models").body());
        assertFields(doc, "OpenAiModel", api.get("/v1/models").body().get("data").get(0));
        assertFields(doc, "Error", api.get("/api/models?limit=0").body());
        assertFields(doc, "ModelHistory", api.get("/api/model/history?provider=doc&model=m").body());
        assertFields(doc, "ModelVersion", api.get("/api/model/history?provider=doc&model=m").body().get("versions").get(0));
    }

    private static void assertFields(OpenAPI doc, String schemaName, JsonNode answer) {
        Schema<?> schema = doc.getComponents().getSchemas().get(schemaName);
        assertThat(schema).as(schemaName).isNotNull();
        Set<String> fields = new HashSet<>();
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        assertThat(schema.getProperties().keySet()).as(schemaName + " describes " + answer).containsAll(fields);
    }
}
