package dev.ghostrecords.feeds;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries a feed left out: how many, and the first few with the reason, so that "skipped=3"
 * says which entries to fix in the file. A reason is a short phrase ("no id").
 */
public final class Skips {

    /** named in the summary; the count says how many more */
    static final int NAMED = 3;

    private int count;
    private final List<String> named = new ArrayList<>();

    /** @param entry the entry's place in the file's list, from 1 */
    void add(long entry, String reason) {
        count++;
        if (named.size() < NAMED) {
            named.add("entry " + entry + ": " + reason);
        }
    }

    public int count() {
        return count;
    }

    /** The first few, each {@code entry N: reason}. */
    public List<String> named() {
        return List.copyOf(named);
    }

    /** {@code 0}, or {@code 3 (entry 4: no id; entry 9: blank id; ...)}. */
    @Override
    public String toString() {
        return describe(count, named);
    }

    static String describe(int count, List<String> named) {
        if (named.isEmpty()) {
            return Integer.toString(count);
        }
        return count + " (" + String.join("; ", named) + (count > named.size() ? "; ..." : "") + ")";
    }
}
