package dev.ghostrecords.feeds;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.ghostrecords.catalog.ProviderIds;
import dev.ghostrecords.database.Statements;
import dev.ghostrecords.feeds.IngestionResult.Status;
import org.apache.camel.Header;
import org.apache.camel.component.file.FileConstants;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.database.SqlFailures.isTransient;
import static dev.ghostrecords.database.SqlFailures.sqlMessage;

/**
 * Applies one provider feed file to the catalog, all or nothing, in one transaction: the entries
 * are streamed into a staging table with COPY and merged by one statement, so a million-model feed
 * needs neither the file in memory nor a round trip per model.
 */
public final class FeedIngester {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIngester.class);

    private static final String CLAIM_VERSION = Statements.load("feeds/insert-feed-version.sql");
    private static final String KNOWN_VERSION = Statements.load("feeds/select-feed-version.sql");
    private static final String CREATE_STAGE = Statements.load("feeds/create-feed-stage.sql");
    private static final String COPY_STAGE = Statements.load("feeds/copy-feed-stage.sql");
    private static final String ANALYZE_STAGE = Statements.load("feeds/analyze-feed-stage.sql");
    private static final String MERGE_WORK_MEM = Statements.load("feeds/set-merge-work-mem.sql");
    private static final String UPSERT_PROVIDER = Statements.load("catalog/insert-provider.sql");
    private static final String LOCK_PROVIDER = Statements.load("feeds/lock-provider-feed.sql");
    private static final String MERGE_MODELS = Statements.load("feeds/merge-feed-models.sql");
    private static final String MARK_INDEXED = Statements.load("feeds/update-provider-index.sql");
    private static final String RECORD_INGESTION = Statements.load("feeds/insert-ingestion.sql");

    private final Jdbi jdbi;
    private final Duration progressInterval;

    public FeedIngester(Jdbi jdbi) {
        this(jdbi, FeedProgress.DEFAULT_INTERVAL);
    }

    /** {@code progressInterval}: how often reading a long file logs how far it got */
    FeedIngester(Jdbi jdbi, Duration progressInterval) {
        this.jdbi = jdbi;
        this.progressInterval = progressInterval;
    }

    /** The watcher's entry point: each file version (name, size, modification time) is ingested once. */
    public IngestionResult ingestNewVersion(@Header(FileConstants.FILE_PATH) String path,
                                            @Header(FileConstants.FILE_LENGTH) long size,
                                            @Header(FileConstants.FILE_LAST_MODIFIED) long lastModified) {
        return ingest(Path.of(path), new FileVersion(Path.of(path).getFileName().toString(), size, lastModified), true);
    }

    /** {@code seed}: ingests the file now, even a version ingested before, and remembers the version. */
    public IngestionResult ingestNow(Path file) {
        java.io.File f = file.toFile();
        return ingest(file, new FileVersion(file.getFileName().toString(), f.length(), f.lastModified()), false);
    }

    /** Whether the watcher has taken this version already; the idempotent repository asks. */
    boolean isKnown(FileVersion version) {
        return jdbi.withHandle(h -> version.bind(h.createQuery(KNOWN_VERSION)).mapTo(Integer.class).findFirst().isPresent());
    }

    private IngestionResult ingest(Path file, FileVersion version, boolean onceOnly) {
        String fileName = version.fileName();
        String providerId = ProviderIds.ofFeedFile(fileName);
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (!ProviderIds.valid(providerId)) {
            // no provider row, no model: a name that gives no slug would store what the API cannot ask for
            return recordFailure(version, providerId, startedAt, "the file name gives no provider id ('" + providerId
                    + "', the part before _models, else the name without .json): " + ProviderIds.RULE, onceOnly);
        }
        FeedReader.Shape shape;
        try {
            shape = FeedReader.inspect(file);
        } catch (FeedFormatException e) {
            return recordFailure(version, providerId, startedAt, e.getMessage(), onceOnly);
        } catch (IOException e) {
            return recordFailure(version, providerId, startedAt, "cannot read the file: " + e, onceOnly);
        }
        try {
            return jdbi.inTransaction(h -> apply(h, file, shape, version, providerId, startedAt, onceOnly));
        } catch (FeedFormatException e) {
            return recordFailure(version, providerId, startedAt, e.getMessage(), onceOnly);
        } catch (JdbiException | SQLException e) {
            // Jdbi wraps what its statements meet; COPY's own calls throw SQLException as they are
            if (isTransient(e)) {
                // the database is away: nothing recorded, so the watcher tries this file again
                throw new IllegalStateException("the database is unreachable: " + sqlMessage(e), e);
            }
            return recordFailure(version, providerId, startedAt,
                    "the database refused the feed: " + sqlMessage(e), onceOnly);
        } catch (IOException e) {
            return recordFailure(version, providerId, startedAt, "cannot read the file: " + e, onceOnly);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private IngestionResult apply(Handle h, Path file, FeedReader.Shape shape, FileVersion version,
                                  String providerId, OffsetDateTime startedAt, boolean onceOnly) throws Exception {
        String fileName = version.fileName();
        if (version.bind(h.createUpdate(CLAIM_VERSION)).execute() == 0 && onceOnly) {
            return IngestionResult.without(fileName, providerId, Status.SKIPPED, null);
        }
        h.execute(CREATE_STAGE);
        int[] staged = {0};
        Skips skipped;
        PGCopyOutputStream copy = new PGCopyOutputStream(h.getConnection().unwrap(PGConnection.class), COPY_STAGE, 1 << 16);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            FeedProgress progress = new FeedProgress(providerId, fileName, progressInterval, System::nanoTime,
                    entry -> writeRow(out, ++staged[0], entry));
            skipped = FeedReader.read(file, shape, progress);
            progress.merging(h::isClosed);
        } catch (Exception e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
        for (String setup : List.of(ANALYZE_STAGE, MERGE_WORK_MEM)) {
            h.execute(setup);
        }
        h.createUpdate(UPSERT_PROVIDER).bind("providerId", providerId).execute();
        int ingested = 0;
        Status status = Status.EMPTY;
        if (staged[0] > 0) {
            h.createQuery(LOCK_PROVIDER).bind("providerId", providerId).mapToMap().list();
            Merged merged = h.createQuery(MERGE_MODELS).bind("providerId", providerId).bind("fileName", fileName)
                    .map((rs, ctx) -> new Merged(rs.getInt("ingested"), rs.getInt("discovered"), rs.getInt("reactivated"),
                            rs.getInt("changed")))
                    .one();
            ingested = merged.ingested();
            LOG.debug("provider={} file={} {}", providerId, fileName, merged);
            h.createUpdate(MARK_INDEXED).bind("providerId", providerId).bind("models", ingested).execute();
            status = Status.OK;
        }
        record(h, version, providerId, startedAt, status, ingested, skipped.count(), null);
        return new IngestionResult(fileName, providerId, status, ingested, skipped);
    }

    private record Merged(int ingested, int discovered, int reactivated, int changed) {
    }

    private IngestionResult recordFailure(FileVersion version, String providerId, OffsetDateTime startedAt,
                                          String reason, boolean onceOnly) {
        return jdbi.inTransaction(h -> {
            if (version.bind(h.createUpdate(CLAIM_VERSION)).execute() == 0 && onceOnly) {
                h.rollback();
                return IngestionResult.without(version.fileName(), providerId, Status.SKIPPED, null);
            }
            // the stored reason names the file: it is read out of context, in the ingestion log
            record(h, version, providerId, startedAt, Status.FAILED, 0, 0, version.fileName() + ": " + reason);
            return IngestionResult.without(version.fileName(), providerId, Status.FAILED, reason);
        });
    }

    private static void record(Handle h, FileVersion version, String providerId, OffsetDateTime startedAt,
                               Status status, int ingested, int skipped, String error) {
        version.bind(h.createUpdate(RECORD_INGESTION)).bind("providerId", providerId).bind("startedAt", startedAt)
                .bind("status", status.name()).bind("ingested", ingested).bind("skipped", skipped).bind("error", error)
                .execute();
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
        out.write(entry.maxOutputTokens() == null ? "\\N" : entry.maxOutputTokens().toString());
        out.write('\t');
        writeText(out, entry.pricing());
        out.write('\t');
        // ISO-8601 with its offset: timestamptz reads it as written
        out.write(entry.retiresAt() == null ? "\\N" : entry.retiresAt().toString());
        out.write('\t');
        out.write(entry.deprecated() ? "t" : "f");
        out.write('\t');
        writeText(out, entry.metadata());
        out.write('\n');
    }

    private static void writeText(Writer out, String text) throws IOException {
        if (text == null) {
            out.write("\\N");
            return;
        }
        // the runs between escapes go out whole: a character at a time costs a lock per character
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            String escape = switch (text.charAt(i)) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escape != null) {
                out.write(text, run, i - run);
                out.write(escape);
                run = i + 1;
            }
        }
        out.write(text, run, text.length() - run);
    }

    /** A file as the watcher saw it; a rewrite (even with the same content) is a new version. */
    record FileVersion(String fileName, long size, long lastModifiedMillis) {
        <S extends SqlStatement<S>> S bind(S statement) {
            return statement.bind("fileName", fileName).bind("fileSize", size)
                    .bind("fileModifiedAt", OffsetDateTime.ofInstant(Instant.ofEpochMilli(lastModifiedMillis), ZoneOffset.UTC));
        }
    }
}
