package dev.ghostrecords.changes;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/changes and GET /feeds/changes.atom on the real service and PostgreSQL: writers that
 * commit out of id order (held open on JDBC connections of the test database) are handed out once,
 * none missed, also while writers commit at random; the filters, the bounds and the Atom feed.
 */
class ChangesIT {

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of(
                "ghost.webhook.scan-delay", "300")).start();
        api = new ApiClient(service, null);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    /** Where the feed stands now: following from here sees only what commits later. */
    private static String end() throws Exception {
        String next = null;
        while (true) {
            JsonNode page = page(next, 1000, "");
            if (page.get("changes").isEmpty()) {
                return page.get("next").asText();
            }
            next = page.get("next").asText();
        }
    }

    private static JsonNode page(String after, int limit, String filters) throws Exception {
        Answer answer = api.get("/api/changes?limit=" + limit + (after == null ? "" : "&after=" + after) + filters);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    /**
     * Follows next until nothing new (an empty page whose next is the cursor sent: a filtered page
     * may move next past changes it skipped); {@code cursor[0]} becomes the last next.
     */
    private static List<JsonNode> follow(String[] cursor, int limit, String filters) throws Exception {
        List<JsonNode> changes = new ArrayList<>();
        while (true) {
            JsonNode page = page(cursor[0], limit, filters);
            page.get("changes").forEach(changes::add);
            String next = page.get("next").asText();
            if (page.get("changes").isEmpty() && next.equals(cursor[0])) {
                return changes;
            }
            cursor[0] = next;
        }
    }

    private static long insertEvent(Connection c, String provider, String model) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "insert into model_event (provider_id, model_id, kind, detail) values (?, ?, 'DISCOVERED', '{}') returning id")) {
            s.setString(1, provider);
            s.setString(2, model);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> models(List<JsonNode> changes, String provider) {
        return changes.stream().filter(c -> c.get("provider").asText().equals(provider)).map(c -> c.get("model").asText()).toList();
    }

    @Test
    void should_hand_out_a_slow_transactions_changes_once_it_commits_though_a_later_one_committed_first() throws Exception {
        String[] cursor = {end()};
        try (Connection a = service.database().connect(); Connection b = service.database().connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            long a1 = insertEvent(a, "slow", "a1");           // A takes its id (and xid) first
            long b1 = insertEvent(b, "slow", "b1");
            b.commit();                                        // B commits first
            long a2 = insertEvent(a, "slow", "a2");           // A goes on after B's commit
            assertThat(a1).isLessThan(b1);
            assertThat(b1).isLessThan(a2);

            // B's change is committed, but A, older, still runs: nothing may be handed out past A's position yet
            assertThat(models(follow(cursor, 1, ""), "slow")).isEmpty();
            String held = cursor[0];
            assertThat(models(follow(cursor, 1000, ""), "slow")).isEmpty();
            assertThat(cursor[0]).isEqualTo(held);

            a.commit();
        }
        // every change once, each transaction's together, in transaction order (A began first)
        assertThat(models(follow(cursor, 1, ""), "slow")).containsExactly("a1", "a2", "b1");
        assertThat(models(follow(cursor, 1000, ""), "slow")).isEmpty();
    }

    @Test
    void should_hand_out_every_committed_change_exactly_once_while_writers_commit_at_random() throws Exception {
        String start = end();
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (Connection c = service.database().connect()) {
                    c.setAutoCommit(false);
                    int n = 0;
                    while (writing.get()) {
                        List<Long> ids = new ArrayList<>();
                        for (int i = random.nextInt(1, 6); i > 0; i--) {
                            ids.add(insertEvent(c, "race", writer + "-" + n++));
                            Thread.sleep(random.nextInt(0, 15));
                        }
                        if (random.nextInt(10) == 0) {
                            c.rollback();                      // never handed out
                        } else {
                            c.commit();
                            committed.addAll(ids);
                        }
                    }
                }
                return null;
            }));
        }
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        String[] cursor = {start};
        Future<?> reader = pool.submit(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (writing.get()) {
                JsonNode page = page(cursor[0], random.nextInt(1, 40), "");
                for (JsonNode change : page.get("changes")) {
                    if (change.get("provider").asText().equals("race")) {
                        seen.add(idOf(change));
                    }
                }
                cursor[0] = page.get("next").asText();
            }
            return null;
        });
        Thread.sleep(4000);
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        for (JsonNode change : follow(cursor, 1000, "")) {
            if (change.get("provider").asText().equals("race")) {
                seen.add(idOf(change));
            }
        }
        assertThat(committed).hasSizeGreaterThan(100);
        assertThat(new HashSet<>(seen)).as("no change missed, none of a rolled-back transaction").isEqualTo(committed);
        assertThat(seen).as("none twice").doesNotHaveDuplicates();
    }

    /** The event id behind a change: its cursor is base64url of "tx:id". */
    private static long idOf(JsonNode change) {
        String text = new String(java.util.Base64.getUrlDecoder().decode(change.get("cursor").asText()), StandardCharsets.US_ASCII);
        return Long.parseLong(text.substring(text.indexOf(':') + 1));
    }

    @Test
    void should_filter_by_provider_and_kind_and_refuse_bad_input_naming_it() throws Exception {
        String[] cursor = {end()};
        Files.writeString(inbox.resolve("filt_models_1.json"), "{\"object\": \"list\", \"data\": [{\"id\": \"m1\"}, {\"id\": \"m2\"}]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from model where provider_id = 'filt'") == 2);
        api.post("/api/models", "{\"providerId\": \"filtman\", \"modelId\": \"hand\"}");
        List<JsonNode> all = follow(cursor.clone(), 1000, "");
        assertThat(models(all, "filt")).containsExactlyInAnyOrder("m1", "m2");
        JsonNode first = all.stream().filter(c -> c.get("provider").asText().equals("filt")).findFirst().orElseThrow();
        assertThat(first.get("kind").asText()).isEqualTo("model.discovered");
        assertThat(first.at("/detail/file").asText()).isEqualTo("filt_models_1.json");
        assertThat(first.get("at").asText()).endsWith("Z");

        String[] filtered = {cursor[0]};
        List<JsonNode> byProvider = follow(filtered, 1, "&provider=FILT");
        assertThat(byProvider).extracting(c -> c.get("provider").asText()).containsOnly("filt").hasSize(2);
        String[] byKind = {cursor[0]};
        assertThat(follow(byKind, 1000, "&kind=model.discovered&provider=filtman"))
                .extracting(c -> c.get("model").asText()).containsExactly("hand");
        assertThat(follow(new String[] {cursor[0]}, 1000, "&kind=model.purged")).isEmpty();

        Answer badCursor = api.get("/api/changes?after=bm90LWEtY3Vyc29y");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body().get("error").asText()).startsWith("after ");
        assertThat(api.get("/api/changes?after=" + URLEncoder.encode("MTox=", StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(api.get("/api/changes?after=!!").status()).isEqualTo(400);
        for (String limit : List.of("0", "1001", "x")) {
            Answer answer = api.get("/api/changes?limit=" + limit);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("error").asText()).contains("limit");
        }
        assertThat(api.get("/api/changes?limit=1000").status()).isEqualTo(200);
        Answer badKind = api.get("/api/changes?kind=DISCOVERED");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body().get("error").asText()).contains("kind").contains("model.discovered").contains("model.retiring");
        // a start with nothing after it: next stays the start
        JsonNode none = page(cursor[0], 5, "&provider=nobody-here");
        assertThat(none.get("changes")).isEmpty();
        JsonNode again = page(none.get("next").asText(), 5, "&provider=nobody-here");
        assertThat(again.get("next").asText()).isEqualTo(none.get("next").asText());
    }

    @Test
    void should_record_ghosts_and_retirements_once_without_webhooks() throws Exception {
        String[] cursor = {end()};
        Files.writeString(inbox.resolve("spook_models_1.json"), "{\"object\": \"list\", \"data\": [{\"id\": \"listed\"}]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from model where provider_id = 'spook'") == 1);
        api.post("/api/inference-events", "{\"providerId\": \"spook\", \"modelId\": \"unlisted\"}");
        api.post("/api/models", "{\"providerId\": \"spook\", \"modelId\": \"old\", \"metadata\": {\"deprecated\": true}}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                service.count("select count(*) from model_event where provider_id = 'spook' and kind in ('GHOST', 'RETIRING')") == 2);
        Thread.sleep(1000); // three more scans: nothing recorded twice
        List<JsonNode> changes = follow(cursor, 1000, "&provider=spook");
        assertThat(changes).filteredOn(c -> c.get("kind").asText().equals("model.ghost"))
                .extracting(c -> c.get("model").asText()).containsExactly("unlisted");
        assertThat(changes).filteredOn(c -> c.get("kind").asText().equals("model.retiring"))
                .extracting(c -> c.get("model").asText()).containsExactly("old");
        JsonNode retiring = changes.stream().filter(c -> c.get("kind").asText().equals("model.retiring")).findFirst().orElseThrow();
        assertThat(retiring.at("/detail/deprecated").asBoolean()).isTrue();
        assertThat(service.count("select count(*) from notification")).as("no webhooks: nothing queued").isZero();
        assertThat(api.get("/api/events?kind=GHOST&provider=spook").body()).hasSize(1);
    }

    @Test
    void should_serve_the_latest_changes_as_an_atom_feed_readers_parse() throws Exception {
        String tricky = "<b>&amp;\"quoted\"</b> ]]> é";
        api.post("/api/models", "{\"providerId\": \"atom\", \"modelId\": " + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(tricky) + "}");
        for (int i = 0; i < 110; i++) {
            api.post("/api/models", "{\"providerId\": \"atomic\", \"modelId\": \"m" + i + "\"}");
        }
        Answer first = api.get("/feeds/changes.atom");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/atom+xml");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(first.text()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(100);
        assertThat(feed.getEntries().get(0).getTitle()).isEqualTo("atomic/m109 was added by hand");
        assertThat(feed.getEntries().get(0).getLink()).startsWith("http://").endsWith("/?provider=atomic&model=m109");
        SyndFeed second = new SyndFeedInput().build(new StringReader(api.get("/feeds/changes.atom").text()));
        assertThat(second.getEntries()).extracting(SyndEntry::getUri)
                .isEqualTo(feed.getEntries().stream().map(SyndEntry::getUri).toList())
                .allMatch(id -> id.startsWith("tag:ghostrecords.dev,2026:change:"));

        SyndFeed mine = new SyndFeedInput().build(new StringReader(
                api.get("/feeds/changes.atom?provider=atom&kind=model.discovered").text()));
        assertThat(mine.getEntries()).hasSize(1);
        assertThat(mine.getEntries().get(0).getTitle()).isEqualTo("atom/" + tricky + " was added by hand");
        assertThat(mine.getEntries().get(0).getLink()).contains("model=" + URLEncoder.encode(tricky, StandardCharsets.UTF_8));
        assertThat(mine.getEntries().get(0).getUpdatedDate()).isNotNull();
        assertThat(mine.getUri()).isNotEqualTo(feed.getUri());

        Answer bad = api.get("/feeds/changes.atom?kind=exploded");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("error").asText()).contains("model.discovered");
    }
}
