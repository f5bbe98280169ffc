package dev.ghostrecords.feeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ghostrecords.catalog.ProviderIds;

/**
 * The feeds {@code seed} takes from a folder of snapshots: by default each provider's newest, so a
 * model its provider dropped is not seen again from an older file; with {@code --all} every file,
 * oldest first. A file's time is the one in its name ({@code 2026-11-20}, {@code 20261129T120000Z}),
 * else its modification time.
 */
public final class SeedSelection {

    private static final Pattern TIME_IN_NAME = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})Z?)?");

    /** The files to ingest, in order, and the older ones left, each with the newer file that replaces it. */
    public record Choice(List<Path> ingest, Map<Path, Path> left) {
    }

    private SeedSelection() {
    }

    public static Choice newestPerProvider(List<Path> files) {
        Map<String, List<Path>> byProvider = new LinkedHashMap<>();
        for (Path file : oldestFirst(files)) {
            byProvider.computeIfAbsent(ProviderIds.ofFeedFile(file.getFileName().toString()), p -> new ArrayList<>()).add(file);
        }
        List<Path> ingest = new ArrayList<>();
        Map<Path, Path> left = new LinkedHashMap<>();
        byProvider.values().forEach(snapshots -> {
            Path newest = snapshots.get(snapshots.size() - 1);
            ingest.add(newest);
            snapshots.subList(0, snapshots.size() - 1).forEach(older -> left.put(older, newest));
        });
        ingest.sort(Comparator.comparing(file -> file.getFileName().toString()));
        return new Choice(ingest, left);
    }

    public static List<Path> oldestFirst(List<Path> files) {
        // each file's time read once, not at every comparison (a modification time is a stat)
        Map<Path, Instant> times = new HashMap<>();
        files.forEach(file -> times.put(file, time(file)));
        return files.stream().sorted(Comparator.comparing((Path file) -> times.get(file))
                .thenComparing(file -> file.getFileName().toString())).toList();
    }

    static Instant time(Path file) {
        Matcher named = TIME_IN_NAME.matcher(file.getFileName().toString());
        while (named.find()) {
            try {
                LocalDate day = LocalDate.of(Integer.parseInt(named.group(1)), Integer.parseInt(named.group(2)),
                        Integer.parseInt(named.group(3)));
                LocalDateTime at = named.group(4) == null ? day.atStartOfDay()
                        : day.atTime(Integer.parseInt(named.group(4)), Integer.parseInt(named.group(5)), Integer.parseInt(named.group(6)));
                return at.toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // digits that are no date: look on, then fall back to the file's time
            }
        }
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
