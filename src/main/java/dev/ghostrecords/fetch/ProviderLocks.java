package dev.ghostrecords.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.apache.camel.Variable;

/**
 * One fetch of a provider at a time in this JVM: two at once (the API and the schedule) would write
 * two files of one answer. A semaphore, not a lock: whichever thread ends the fetch releases it.
 */
public final class ProviderLocks {

    private final Map<String, Semaphore> held = new ConcurrentHashMap<>();

    /** Waits until no other fetch of the provider runs. */
    public void hold(@Variable("provider") Provider provider) throws InterruptedException {
        held.computeIfAbsent(provider.id(), id -> new Semaphore(1)).acquire();
    }

    public void release(@Variable("provider") Provider provider) {
        held.get(provider.id()).release();
    }
}
