package dev.ghostrecords.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete fetch as a feed file in the watched folder, {@code <id>_models_<yyyyMMdd'T'HHmmss'Z'>.json}
 * in the kind's envelope: written aside (hidden), then renamed in, so the watcher never sees half a
 * file. Only the newest GHOST_FETCH_KEEP fetched files of a provider stay; dropped files are not touched.
 */
public final class FeedFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(FeedFileWriter.class);
    static final String FETCHED_NAME = "_models_\\d{8}T\\d{6}Z\\.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final Path folder;
    private final int keep;

    public FeedFileWriter(ObjectMapper json, Path folder, int keep) {
        this.json = json;
        this.folder = folder;
        this.keep = keep;
    }

    /** All pages' entries as one file: written aside, then moved in atomically. */
    public void write(@Variable("progress") FetchProgress progress) throws IOException {
        Provider provider = progress.provider();
        String name = provider.id() + "_models_" + STAMP.format(Instant.now()) + ".json";
        Path aside = folder.resolve("." + name + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(aside);
                 JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart(provider.kind().envelope());
                for (JsonNode entry : progress.entries()) {
                    json.writeTree(generator, entry);
                }
                generator.writeEndArray();
                generator.writeEndObject();
            }
            Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.written(name);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    /** The file could not be written: the fetch fails and the folder keeps nothing of it. */
    public void notWritten(@Variable("progress") FetchProgress progress,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        progress.fail("cannot write the feed into " + folder + ": " + failure);
    }

    /** Keeps the newest GHOST_FETCH_KEEP files this service fetched for the provider. */
    public void prune(@Variable("progress") FetchProgress progress) {
        String providerId = progress.provider().id();
        Pattern fetched = Pattern.compile(Pattern.quote(providerId) + FETCHED_NAME);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> mine = files.filter(f -> fetched.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
            for (Path old : mine.subList(Math.min(keep, mine.size()), mine.size())) {
                Files.deleteIfExists(old);
                LOG.info("provider={} pruned {} (GHOST_FETCH_KEEP={})", providerId, old.getFileName(), keep);
            }
        } catch (IOException | RuntimeException e) {
            // a file that stays is no harm: the next fetch prunes again
            LOG.warn("provider={} cannot prune old fetched files in {}: {}", providerId, folder, e.toString());
        }
    }

    /** The written file as the watcher hands a file to feeds-ingest: name, path, size, modification time. */
    public void handOver(@Variable("progress") FetchProgress progress, Message message) throws IOException {
        Path file = folder.resolve(progress.outcome().fileName());
        message.setHeader(Exchange.FILE_NAME, file.getFileName().toString());
        message.setHeader(Exchange.FILE_PATH, file.toString());
        message.setHeader(Exchange.FILE_LENGTH, Files.size(file));
        message.setHeader(Exchange.FILE_LAST_MODIFIED, Files.getLastModifiedTime(file).toMillis());
    }
}
