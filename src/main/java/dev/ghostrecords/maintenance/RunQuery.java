package dev.ghostrecords.maintenance;

/** Recorded maintenance runs, newest first; {@code job} null for both jobs. */
public record RunQuery(String job, int limit) {
}
