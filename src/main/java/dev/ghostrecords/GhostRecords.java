package dev.ghostrecords;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.ghostrecords.catalog.CatalogStats;
import dev.ghostrecords.feeds.FeedIngester;
import dev.ghostrecords.feeds.IngestionResult;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar ghost-records.jar [serve|seed|stats]}. */
@Command(name = "ghost-records", mixinStandardHelpOptions = true,
        description = "A catalog of LLM models that survives glitchy provider feeds.",
        subcommands = {GhostRecords.Serve.class, GhostRecords.Seed.class, GhostRecords.Stats.class})
public final class GhostRecords implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new GhostRecords()).execute(args));
    }

    /** No command: serve. */
    @Override
    public Integer call() {
        return new Serve().call();
    }

    @Command(name = "serve", description = "Watch the models folder and keep the catalog (the default).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            Main main = GhostApplication.create(true, Map.of());
            try {
                main.run();
            } catch (Exception e) {
                System.err.println("ghost-records could not start: " + rootMessage(e));
                return 1;
            }
            return Math.max(main.getExitCode(), 0);
        }
    }

    @Command(name = "seed", description = "Ingest every *.json of a folder now, then print the statistics.")
    static final class Seed implements Callable<Integer> {
        @Option(names = "--dir", description = "folder of provider feeds (default: the watched folder)")
        Path dir;

        @Override
        public Integer call() {
            return oneShot((context, out) -> {
                Path folder = dir != null ? dir : Path.of(context.resolvePropertyPlaceholders("{{ghost.models.dir}}"));
                if (!Files.isDirectory(folder)) {
                    System.err.println("seed: no such folder: " + folder.toAbsolutePath());
                    return 1;
                }
                FeedIngester ingester = context.getRegistry().lookupByNameAndType("feedIngester", FeedIngester.class);
                boolean failed = false;
                for (Path file : feeds(folder)) {
                    IngestionResult result = ingester.ingestNow(file);
                    out.println(result.summary());
                    failed |= result.failed();
                }
                printStats(context, out);
                return failed ? 1 : 0;
            });
        }

        private static List<Path> feeds(Path folder) throws IOException {
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".json"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            }
        }
    }

    @Command(name = "stats", description = "Print the catalog's statistics: totals, by source, per provider.")
    static final class Stats implements Callable<Integer> {
        @Override
        public Integer call() {
            return oneShot((context, out) -> {
                printStats(context, out);
                return 0;
            });
        }
    }

    @FunctionalInterface
    interface OneShot {
        int run(CamelContext context, PrintStream out) throws Exception;
    }

    /** Runs a command against the catalog without the watcher or HTTP, and quiet logs. */
    static int oneShot(OneShot command) {
        System.setProperty("ghost.log.level", "WARN");
        System.setProperty("ghost.log.target", "SYSTEM_ERR");
        Main main = GhostApplication.create(false, Map.of());
        try {
            main.start();
            return command.run(main.getCamelContext(), System.out);
        } catch (Exception e) {
            System.err.println("ghost-records: " + rootMessage(e));
            return 1;
        } finally {
            try {
                main.stop();
            } catch (Exception e) {
                System.err.println("ghost-records: stopping: " + rootMessage(e));
            }
        }
    }

    static void printStats(CamelContext context, PrintStream out) throws Exception {
        CatalogStats.Stats stats = context.getRegistry().lookupByNameAndType("catalogStats", CatalogStats.class).stats();
        out.printf("Models: %d total, %d active, %d inactive%n", stats.total(), stats.active(), stats.inactive());
        out.printf("By source: INDEX %d, INFERENCE %d, MANUAL %d%n", stats.bySource().get("INDEX"),
                stats.bySource().get("INFERENCE"), stats.bySource().get("MANUAL"));
        if (stats.providers().isEmpty()) {
            return;
        }
        out.println("Providers:");
        int width = stats.providers().stream().mapToInt(p -> p.providerId().length()).max().orElse(0);
        for (CatalogStats.ProviderStats p : stats.providers()) {
            String feed = p.lastIndexAt() == null ? "no fresh feed yet"
                    : "last feed " + p.lastIndexAt().toInstant() + " (" + p.lastIndexModels() + " models)";
            out.printf("  %-" + width + "s  %d total, %d active, %d inactive, %s%n",
                    p.providerId(), p.total(), p.active(), p.inactive(), feed);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
