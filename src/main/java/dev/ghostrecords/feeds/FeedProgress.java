package dev.ghostrecords.feeds;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line every few seconds while a long feed is read (a 300,000-model file takes ~20 s): the
 * operator sees it is moving. Wraps the entry sink, so the ingester's own writing stays as it is;
 * a file read in less than one interval logs nothing extra.
 */
final class FeedProgress implements FeedReader.EntrySink {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(FeedProgress.class);

    /** the clock is asked once per this many entries: nanoTime per entry would be measurable */
    private static final int CHECK_EVERY = 1024;

    private final String providerId;
    private final String fileName;
    private final FeedReader.EntrySink next;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private long lastLineAt;
    private long entries;
    private boolean reported;

    FeedProgress(String providerId, String fileName, Duration interval, LongSupplier nanoClock, FeedReader.EntrySink next) {
        this.providerId = providerId;
        this.fileName = fileName;
        this.next = next;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        this.lastLineAt = startedAt;
    }

    @Override
    public void accept(FeedEntry entry) throws Exception {
        next.accept(entry);
        entries++;
        if (entries % CHECK_EVERY == 0) {
            long now = nanoClock.getAsLong();
            if (now - lastLineAt >= intervalNanos) {
                lastLineAt = now;
                reported = true;
                LOG.info("provider={} file={} reading: {} entries so far ({} s)", providerId, fileName, entries,
                        seconds(now));
            }
        }
    }

    /** After the last entry: a file that needed progress lines says that reading is over and merging starts. */
    void finished() {
        if (reported) {
            LOG.info("provider={} file={} read {} entries in {} s, merging into the catalog", providerId, fileName,
                    entries, seconds(nanoClock.getAsLong()));
        }
    }

    private long seconds(long now) {
        return Duration.ofNanos(now - startedAt).toSeconds();
    }
}
