package dev.ghostrecords.feeds;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.jdbi.v3.core.JdbiException;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The watcher's memory of which file versions it has ingested, kept in PostgreSQL by the ingestion
 * itself, so it survives restarts and is shared by replicas. The file consumer asks with the key
 * {@code <size>:<lastModified>:<name>}; nothing is added here, because a version only counts once
 * its ingestion has committed (a crash or a lost database leaves it to be tried again).
 */
public final class FeedVersions extends ServiceSupport implements IdempotentRepository {

    private final FeedIngester ingester;
    /** versions known to be done: they never become undone, so the database is asked once per version */
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    public FeedVersions(FeedIngester ingester) {
        this.ingester = ingester;
    }

    /** Called by the file consumer (eager idempotency): true means "new, go ahead". */
    @Override
    public boolean add(String key) {
        return !contains(key);
    }

    @Override
    public boolean contains(String key) {
        if (done.contains(key)) {
            return true;
        }
        String[] parts = key.split(":", 3);
        FeedIngester.FileVersion version = new FeedIngester.FileVersion(parts[2], Long.parseLong(parts[0]),
                Long.parseLong(parts[1]));
        try {
            if (ingester.isKnown(version)) {
                done.add(key);
                return true;
            }
            return false;
        } catch (JdbiException e) {
            // the database is away: leave the file for a later poll rather than read it now
            return true;
        }
    }

    @Override
    public boolean remove(String key) {
        return false;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        done.clear();
    }
}
