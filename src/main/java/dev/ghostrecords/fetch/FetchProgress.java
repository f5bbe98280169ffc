package dev.ghostrecords.fetch;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One fetch of one provider while the route runs it (the {@code progress} variable): the page asked
 * for, what the row will record of the requests, the entries gathered, and how it ended.
 */
public final class FetchProgress {

    private final Provider provider;
    private final long fetchId;
    private final List<JsonNode> entries = new ArrayList<>();
    private String query;
    private boolean lastPage;
    private boolean pageAnswered;
    private int pages;
    private int attempts;
    private int pageAttempts;
    private Integer httpStatus;
    private String status;
    private String error;
    private String fileName;

    private FetchProgress(Provider provider, long fetchId) {
        this.provider = provider;
        this.fetchId = fetchId;
        this.query = provider.kind().firstQuery();
    }

    /** The fetch whose row {@code fetchId} was just inserted (RUNNING). */
    public static FetchProgress start(Provider provider, long fetchId) {
        return new FetchProgress(provider, fetchId);
    }

    public Provider provider() {
        return provider;
    }

    public long fetchId() {
        return fetchId;
    }

    /** Whether another page is to be asked for: the last one named a next one, and nothing failed. */
    public boolean morePages() {
        return status == null && !lastPage;
    }

    /** Whether the page is to be asked (again): not answered yet, and nothing failed. */
    public boolean pageWanted() {
        return status == null && !pageAnswered;
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }

    /** The next page begins: its attempts are counted from 1. */
    void nextPage() {
        pages++;
        pageAttempts = 0;
        pageAnswered = false;
    }

    void attempted() {
        attempts++;
        pageAttempts++;
    }

    /** The page answered in the kind's envelope: its entries kept, and the query of the next page (null: none). */
    void answered(JsonNode pageEntries, String nextQuery) {
        pageEntries.forEach(entries::add);
        pageAnswered = true;
        if (nextQuery == null) {
            lastPage = true;
        } else {
            query = nextQuery;
        }
    }

    /** Fails the fetch: nothing is written. {@code reason} holds no key (scrubbed by whoever gives it). */
    public void fail(String reason) {
        status = "FAILED";
        error = reason;
    }

    void skip(String reason) {
        status = "SKIPPED";
        error = reason;
    }

    void written(String name) {
        fileName = name;
    }

    /** The page and its request, as failures and logs name it: {@code page 2 (GET https://.../models?limit=1000)}. */
    public String where() {
        return "page " + pages + " (GET " + provider.modelsUrl() + (query == null ? "" : "?" + query) + ")";
    }

    String query() {
        return query;
    }

    int pages() {
        return pages;
    }

    public int pageAttempts() {
        return pageAttempts;
    }

    void httpStatus(Integer status) {
        httpStatus = status;
    }

    List<JsonNode> entries() {
        return entries;
    }

    /** What finish-fetch.sql records: OK unless it failed or was skipped. */
    public FetchOutcome outcome() {
        String ended = status == null ? "OK" : status;
        return new FetchOutcome(fetchId, ended, httpStatus, attempts, pages, ended.equals("OK") ? entries.size() : null,
                fileName, error);
    }
}
