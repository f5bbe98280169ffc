package dev.ghostrecords.feeds;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import dev.ghostrecords.catalog.Sql;
import dev.ghostrecords.feeds.IngestionResult.Status;
import org.apache.camel.Header;
import org.apache.camel.component.file.FileConstants;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.catalog.CatalogDatabase.isTransient;
import static dev.ghostrecords.catalog.Sql.params;

/**
 * Applies one provider feed file to the catalog, all or nothing, in one transaction: the entries
 * are streamed into a staging table with COPY and merged by one statement, so a million-model feed
 * needs neither the file in memory nor a round trip per model.
 */
public final class FeedIngester {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIngester.class);

    private static final Sql CLAIM_VERSION = Sql.load("feeds/insert-feed-version.sql");
    private static final Sql KNOWN_VERSION = Sql.load("feeds/select-feed-version.sql");
    private static final Sql CREATE_STAGE = Sql.load("feeds/create-feed-stage.sql");
    private static final Sql COPY_STAGE = Sql.load("feeds/copy-feed-stage.sql");
    private static final Sql ANALYZE_STAGE = Sql.load("feeds/analyze-feed-stage.sql");
    private static final Sql MERGE_WORK_MEM = Sql.load("feeds/set-merge-work-mem.sql");
    private static final Sql UPSERT_PROVIDER = Sql.load("catalog/insert-provider.sql");
    private static final Sql MERGE_MODELS = Sql.load("feeds/merge-feed-models.sql");
    private static final Sql MARK_INDEXED = Sql.load("feeds/update-provider-index.sql");
    private static final Sql RECORD_INGESTION = Sql.load("feeds/insert-ingestion.sql");

    private final DataSource dataSource;

    public FeedIngester(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Provider slug from a feed file name: the part before {@code _models}, else the name without {@code .json}. */
    public static String providerOf(String fileName) {
        int models = fileName.indexOf("_models");
        String slug = models >= 0 ? fileName.substring(0, models)
                : fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? fileName.substring(0, fileName.length() - 5)
                : fileName;
        return slug.toLowerCase(Locale.ROOT);
    }

    /** The watcher's entry point: each file version (name, size, modification time) is ingested once. */
    public IngestionResult ingestNewVersion(@Header(FileConstants.FILE_PATH) String path,
                                            @Header(FileConstants.FILE_LENGTH) long size,
                                            @Header(FileConstants.FILE_LAST_MODIFIED) long lastModified) throws SQLException {
        return ingest(Path.of(path), new FileVersion(Path.of(path).getFileName().toString(), size, lastModified), true);
    }

    /** {@code seed}: ingests the file now, even a version ingested before, and remembers the version. */
    public IngestionResult ingestNow(Path file) throws SQLException {
        java.io.File f = file.toFile();
        return ingest(file, new FileVersion(file.getFileName().toString(), f.length(), f.lastModified()), false);
    }

    /** Whether the watcher has taken this version already; the idempotent repository asks. */
    boolean isKnown(FileVersion version) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = KNOWN_VERSION.prepare(c, version.params());
             ResultSet rs = select.executeQuery()) {
            return rs.next();
        }
    }

    private IngestionResult ingest(Path file, FileVersion version, boolean onceOnly) throws SQLException {
        String fileName = version.fileName();
        String providerId = providerOf(fileName);
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        FeedReader.Shape shape;
        try {
            shape = FeedReader.inspect(file);
        } catch (FeedFormatException e) {
            return recordFailure(version, providerId, startedAt, e.getMessage(), onceOnly);
        } catch (IOException e) {
            return recordFailure(version, providerId, startedAt, "cannot read the file: " + e, onceOnly);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                IngestionResult result = apply(c, file, shape, version, providerId, startedAt, onceOnly);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        } catch (FeedFormatException e) {
            return recordFailure(version, providerId, startedAt, e.getMessage(), onceOnly);
        } catch (SQLException e) {
            if (isTransient(e)) {
                // the database is away: nothing recorded, so the watcher tries this file again
                throw e;
            }
            return recordFailure(version, providerId, startedAt,
                    "the database refused the feed: " + e.getMessage(), onceOnly);
        } catch (IOException e) {
            return recordFailure(version, providerId, startedAt, "cannot read the file: " + e, onceOnly);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private IngestionResult apply(Connection c, Path file, FeedReader.Shape shape, FileVersion version,
                                  String providerId, OffsetDateTime startedAt, boolean onceOnly) throws Exception {
        String fileName = version.fileName();
        if (CLAIM_VERSION.update(c, version.params()) == 0 && onceOnly) {
            return new IngestionResult(fileName, providerId, Status.SKIPPED, 0, 0, null);
        }
        try (PreparedStatement create = c.prepareStatement(CREATE_STAGE.text())) {
            create.execute();
        }
        int[] staged = {0};
        int skipped;
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), COPY_STAGE.text(), 1 << 16);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            skipped = FeedReader.read(file, shape, entry -> writeRow(out, ++staged[0], entry));
        } catch (Exception e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
        for (Sql setup : List.of(ANALYZE_STAGE, MERGE_WORK_MEM)) {
            try (PreparedStatement statement = c.prepareStatement(setup.text())) {
                statement.execute();
            }
        }
        UPSERT_PROVIDER.update(c, params("providerId", providerId));
        int ingested = 0;
        Status status = Status.EMPTY;
        if (staged[0] > 0) {
            try (PreparedStatement merge = MERGE_MODELS.prepare(c, params("providerId", providerId, "fileName", fileName));
                 ResultSet rs = merge.executeQuery()) {
                rs.next();
                ingested = rs.getInt("ingested");
                LOG.debug("provider={} file={} discovered={} reactivated={} changed={}", providerId, fileName,
                        rs.getInt("discovered"), rs.getInt("reactivated"), rs.getInt("changed"));
            }
            MARK_INDEXED.update(c, params("providerId", providerId, "models", ingested));
            status = Status.OK;
        }
        record(c, version, providerId, startedAt, status, ingested, skipped, null);
        return new IngestionResult(fileName, providerId, status, ingested, skipped, null);
    }

    private IngestionResult recordFailure(FileVersion version, String providerId, OffsetDateTime startedAt,
                                          String reason, boolean onceOnly) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (CLAIM_VERSION.update(c, version.params()) == 0 && onceOnly) {
                c.rollback();
                return new IngestionResult(version.fileName(), providerId, Status.SKIPPED, 0, 0, null);
            }
            // the stored reason names the file: it is read out of context, in the ingestion log
            record(c, version, providerId, startedAt, Status.FAILED, 0, 0, version.fileName() + ": " + reason);
            c.commit();
        }
        return new IngestionResult(version.fileName(), providerId, Status.FAILED, 0, 0, reason);
    }

    private static void record(Connection c, FileVersion version, String providerId, OffsetDateTime startedAt,
                               Status status, int ingested, int skipped, String error) throws SQLException {
        Map<String, Object> p = version.params();
        p.putAll(params("providerId", providerId, "startedAt", startedAt, "status", status.name(),
                "ingested", ingested, "skipped", skipped, "error", error));
        RECORD_INGESTION.update(c, p);
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void writeRow(Writer out, int seq, FeedEntry entry) throws IOException {
        out.write(Integer.toString(seq));
        out.write('\t');
        writeText(out, entry.modelId());
        out.write('\t');
        writeText(out, entry.name());
        out.write('\t');
        out.write(entry.contextWindow() == null ? "\\N" : entry.contextWindow().toString());
        out.write('\t');
        writeText(out, entry.metadata());
        out.write('\n');
    }

    private static void writeText(Writer out, String text) throws IOException {
        if (text == null) {
            out.write("\\N");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> out.write(ch);
            }
        }
    }

    /** A file as the watcher saw it; a rewrite (even with the same content) is a new version. */
    record FileVersion(String fileName, long size, long lastModifiedMillis) {
        Map<String, Object> params() {
            return Sql.params("fileName", fileName, "fileSize", size,
                    "fileModifiedAt", OffsetDateTime.ofInstant(Instant.ofEpochMilli(lastModifiedMillis), ZoneOffset.UTC));
        }
    }
}
