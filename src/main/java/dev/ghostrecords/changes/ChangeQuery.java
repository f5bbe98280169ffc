package dev.ghostrecords.changes;

/**
 * A page of the change feed as {@code sql/changes/select-changes.sql} takes it: the changes after
 * (afterTx, afterId), at most {@code scan} of them looked at, at most {@code limit} of those that
 * match the filters (null matches all) handed out. {@code kind} as stored (DEACTIVATED).
 */
public record ChangeQuery(String afterTx, long afterId, String providerId, String kind, int limit, int scan) {

    Cursor after() {
        return new Cursor(afterTx, afterId);
    }
}
