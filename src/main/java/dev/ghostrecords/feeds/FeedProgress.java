package dev.ghostrecords.feeds;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line every few seconds while a long feed is ingested (a 300,000-model file takes ~30 s): how
 * many entries were read so far, then how long the merge has been running, so the operator sees it
 * is moving. Wraps the entry sink, so the ingester's own writing stays as it is; a file ingested
 * within one interval logs nothing extra.
 */
final class FeedProgress implements FeedReader.EntrySink {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(FeedProgress.class);

    /** the clock is asked once per this many entries: nanoTime per entry would be measurable */
    private static final int CHECK_EVERY = 1024;

    private static final long MIN_TICK_NANOS = Duration.ofMillis(100).toNanos();

    /** one daemon thread for every ingestion's merge ticks: a tick only logs a line */
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "feed-progress");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * After the last entry: the merge (one statement, ~24 s for 300,000 models) and the commit say
     * they are still going every interval, until {@code done} (the transaction's handle closed).
     */
    void merging(BooleanSupplier done) {
        long mergeStartedAt = nanoClock.getAsLong();
        if (reported) {
            LOG.info("provider={} file={} read {} entries in {} s, merging into the catalog", providerId, fileName,
                    entries, seconds(mergeStartedAt));
        }
        long period = Math.max(intervalNanos, MIN_TICK_NANOS);
        ScheduledFuture<?>[] ticker = new ScheduledFuture<?>[1];
        synchronized (ticker) {
            ticker[0] = TICKER.scheduleAtFixedRate(() -> {
                if (done.getAsBoolean()) {
                    synchronized (ticker) {
                        ticker[0].cancel(false);
                    }
                    return;
                }
                LOG.info("provider={} file={} merging {} entries into the catalog: {} s so far", providerId, fileName,
                        entries, Duration.ofNanos(nanoClock.getAsLong() - mergeStartedAt).toSeconds());
            }, period, period, TimeUnit.NANOSECONDS);
        }
    }

    private long seconds(long now) {
        return Duration.ofNanos(now - startedAt).toSeconds();
    }
}
