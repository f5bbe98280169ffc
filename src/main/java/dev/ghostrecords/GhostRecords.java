package dev.ghostrecords;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.CatalogStats;
import dev.ghostrecords.catalog.ProviderIds;
import dev.ghostrecords.feeds.FeedIngester;
import dev.ghostrecords.feeds.IngestionResult;
import dev.ghostrecords.feeds.SeedSelection;
import dev.ghostrecords.fetch.FetchRequest;
import dev.ghostrecords.fetch.FetchRun;
import dev.ghostrecords.maintenance.Maintenance;
import dev.ghostrecords.maintenance.PurgeRequest;
import dev.ghostrecords.maintenance.StaleRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar ghost-records.jar [serve|seed|stats|mark-stale|purge|fetch]}. */
// --help and --version on every command (inherited by the subcommands)
@Command(name = "ghost-records", mixinStandardHelpOptions = true, versionProvider = GhostRecords.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "A catalog of LLM models that survives glitchy provider feeds.",
        subcommands = {GhostRecords.Serve.class, GhostRecords.Seed.class, GhostRecords.Stats.class,
                GhostRecords.MarkStale.class, GhostRecords.Purge.class, GhostRecords.Fetch.class,
                GhostRecords.DeleteProvider.class, CommandLine.HelpCommand.class})
public final class GhostRecords implements Callable<Integer> {

    /** The version Maven wrote into the jar's manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GhostRecords.class.getPackage().getImplementationVersion();
            return new String[] {"ghost-records " + (version == null ? "development" : version)};
        }
    }

    public static void main(String[] args) {
        try {
            LogSettings.apply(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ghost-records could not start: " + e.getMessage());
            System.exit(1);
        }
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
            main.addMainListener(new ShutdownLog());
            try {
                main.run();
            } catch (Exception e) {
                System.err.println("ghost-records could not start: " + rootMessage(e));
                return 1;
            }
            return Math.max(main.getExitCode(), 0);
        }
    }

    @Command(name = "seed", description = "Ingest a folder's feeds now (each provider's newest file), then print the statistics.")
    static final class Seed implements Callable<Integer> {
        @Option(names = "--dir", description = "folder of provider feeds (default: the watched folder)")
        Path dir;
        @Option(names = "--all", description = "every file, oldest first (default: each provider's newest, by the time in its name)")
        boolean all;

        @Override
        public Integer call() {
            if (dir != null && !Files.isDirectory(dir)) {
                return noSuchFolder(dir);
            }
            return oneShot((context, out) -> {
                Path folder = dir != null ? dir : Path.of(context.resolvePropertyPlaceholders("{{ghost.models.dir}}"));
                if (!Files.isDirectory(folder)) {
                    return noSuchFolder(folder);
                }
                FeedIngester ingester = bean(context, "feedIngester", FeedIngester.class);
                List<Path> files = feeds(folder);
                List<Path> chosen = SeedSelection.oldestFirst(files);
                if (!all) {
                    SeedSelection.Choice newest = SeedSelection.newestPerProvider(files);
                    newest.left().forEach((older, newer) -> out.println(ProviderIds.ofFeedFile(older.getFileName().toString())
                            + ": left " + older.getFileName() + " (older than " + newer.getFileName() + "; --all takes every file)"));
                    chosen = newest.ingest();
                }
                boolean failed = false;
                for (Path file : chosen) {
                    IngestionResult result = ingester.ingestNow(file);
                    out.println(result.summary());
                    failed |= result.failed();
                }
                printStats(context, out);
                return failed ? 1 : 0;
            });
        }

        private static int noSuchFolder(Path folder) {
            System.err.println("seed: no such folder: " + folder.toAbsolutePath());
            return 1;
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

    @Command(name = "mark-stale", description = "Run mark stale once: deactivate models not seen for a while (guarded).")
    static final class MarkStale implements Callable<Integer> {
        @Option(names = "--hours", description = "stale after this many hours (default: GHOST_STALE_AFTER_HOURS)")
        Double hours;
        @Option(names = "--provider", description = "only this provider")
        String provider;
        @Option(names = "--force", description = "release the provider's held deactivations (needs --provider)")
        boolean force;
        @Option(names = "--dry-run", description = "report what would change, change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            return oneShot(() -> new StaleRequest(hours, provider, force, dryRun), (context, request, out) -> {
                Maintenance maintenance = bean(context, "maintenance", Maintenance.class);
                Maintenance.StaleRun run = maintenance.markStale(request);
                out.printf("mark-stale%s: stale after %s hours, guard %d%%%s%n", run.dryRun() ? " (dry run)" : "",
                        number(run.staleAfterHours()), Math.round(run.maxFraction() * 100),
                        run.force() ? ", forced for " + run.provider() : "");
                for (Maintenance.StaleProvider p : run.providers()) {
                    out.printf("  %s: %d active, %d stale -> %d %s, %d held%s%n", p.providerId(), p.activeModels(),
                            p.candidates(), p.deactivated(), run.dryRun() ? "would be deactivated" : "deactivated",
                            p.held(), p.held() > 0 ? " (run mark-stale --force --provider " + p.providerId() + " if its feed is right)" : "");
                }
                out.printf("Total: %d %s, %d held%n", run.deactivated(), run.dryRun() ? "would be deactivated" : "deactivated",
                        run.held());
                return 0;
            });
        }
    }

    @Command(name = "purge", description = "Run purge once: delete models inactive for long (never MANUAL).")
    static final class Purge implements Callable<Integer> {
        @Option(names = "--days", description = "inactive for more than this many days (default: GHOST_PURGE_AFTER_DAYS)")
        Double days;
        @Option(names = "--dry-run", description = "report what would change, change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            return oneShot(() -> new PurgeRequest(days, dryRun), (context, request, out) -> {
                Maintenance maintenance = bean(context, "maintenance", Maintenance.class);
                Maintenance.PurgeRun run = maintenance.purge(request);
                String verb = run.dryRun() ? "would be purged" : "purged";
                out.printf("purge%s: inactive for more than %s days%n", run.dryRun() ? " (dry run)" : "",
                        number(run.purgeAfterDays()));
                run.providers().forEach(p -> out.printf("  %s: %d %s%n", p.providerId(), p.purged(), verb));
                out.printf("Total: %d %s%n", run.purged(), verb);
                Maintenance.Pruned pruned = run.pruned();
                out.printf("Older than %s days %s: ingestion %d, fetch %d, notification %d, maintenance_run %d%n",
                        number(run.retentionDays()), run.dryRun() ? "would be pruned" : "pruned", pruned.ingestion(),
                        pruned.fetch(), pruned.notification(), pruned.maintenanceRun());
                return 0;
            });
        }
    }

    @Command(name = "fetch", description = "Fetch the providers' feeds now (GHOST_PROVIDERS_FILE), ingest them, then print the statistics.")
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--provider", description = "only this provider (an id of the providers file)")
        String provider;

        @Override
        public Integer call() {
            return oneShot(FETCH_ROUTES, this::request, (context, request, out) -> {
                // the route the schedule and POST /api/fetch take; its exception as it was thrown (an unknown provider: 2)
                Exchange done = context.createProducerTemplate().send("direct:fetch-run",
                        exchange -> exchange.getMessage().setBody(request));
                if (done.getException() != null) {
                    throw done.getException();
                }
                boolean failed = false;
                for (dev.ghostrecords.fetch.Fetch fetch : done.getMessage().getBody(FetchRun.class).fetches()) {
                    out.println(fetch.summary());
                    failed |= fetch.failed();
                }
                printStats(context, out);
                return failed ? 1 : 0;
            });
        }

        /** Checked before anything starts: an id that is no slug is in no providers file. */
        private FetchRequest request() {
            return new FetchRequest(provider == null ? null : ProviderIds.require("--provider", provider));
        }
    }

    @Command(name = "delete-provider", description = "Remove a provider that holds no model (a row left by a broken or mistyped feed file).")
    static final class DeleteProvider implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", paramLabel = "<id>", description = "the provider's id")
        String id;

        @Override
        public Integer call() {
            // the API's reading of the id (a control character: exit 2), then the route DELETE /api/providers/{id} takes
            return oneShot(() -> dev.ghostrecords.catalog.CatalogRequests.providerKey(id), (context, key, out) -> {
                Exchange done = context.createProducerTemplate().send("direct:catalog-delete-provider",
                        exchange -> exchange.getMessage().setBody(key));
                if (done.getException() instanceof CatalogException.NotFound
                        || done.getException() instanceof CatalogException.Conflict) {
                    System.err.println("ghost-records: delete-provider: " + done.getException().getMessage());
                    return 1;
                }
                if (done.getException() != null) {
                    throw done.getException();
                }
                out.println("deleted provider " + key.providerId());
                return 0;
            });
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @FunctionalInterface
    interface OneShot {
        int run(CamelContext context, PrintStream out) throws Exception;
    }

    @FunctionalInterface
    interface OneShotWith<R> {
        int run(CamelContext context, R request, PrintStream out) throws Exception;
    }

    static int oneShot(OneShot command) {
        return oneShot(() -> null, (context, request, out) -> command.run(context, out));
    }

    /**
     * The route files a one-shot command's direct: routes are in: the catalog's (the statistics every
     * command but mark-stale and purge prints, delete-provider) and the route configurations they
     * name. Only these are read and started, which takes a start about half a second less.
     */
    private static final List<String> CATALOG_ROUTES = List.of("catalog", "http", "shared");
    /** fetch adds its own routes and the feed ingestion they hand the files to. */
    private static final List<String> FETCH_ROUTES = List.of("catalog", "http", "shared", "feeds", "fetch");

    static <R> int oneShot(Supplier<R> request, OneShotWith<R> command) {
        return oneShot(CATALOG_ROUTES, request, command);
    }

    /**
     * Runs a command against the catalog without the watcher or HTTP, and quiet logs. Its request is
     * built (its options checked) before anything starts: a wrong option is refused at once.
     */
    static <R> int oneShot(List<String> routeFiles, Supplier<R> request, OneShotWith<R> command) {
        R checked;
        try {
            checked = request.get();
        } catch (CatalogException.Invalid e) {
            System.err.println("ghost-records: " + e.getMessage());
            return 2;
        }
        LogSettings.quietCommand(System.getenv());
        Main main = GhostApplication.create(false, Map.of("camel.main.routes-include-pattern", routeFiles.stream()
                .map(name -> "classpath:routes/" + name + ".camel.yaml").collect(Collectors.joining(","))));
        try {
            main.start();
            return command.run(main.getCamelContext(), checked, System.out);
        } catch (CatalogException.Invalid e) {
            System.err.println("ghost-records: " + e.getMessage());
            return 2;
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

    private static <T> T bean(CamelContext context, String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }

    /** The same counts as GET /api/stats: the route's answer, read back. */
    static void printStats(CamelContext context, PrintStream out) throws Exception {
        String json = context.createProducerTemplate().requestBody("direct:catalog-stats", null, String.class);
        CatalogStats.Stats stats = bean(context, "jsonMapper", ObjectMapper.class).readValue(json, CatalogStats.Stats.class);
        out.printf("Models: %d total, %d active, %d inactive%n", stats.total(), stats.active(), stats.inactive());
        out.printf("By source: INDEX %d, INFERENCE %d, MANUAL %d%n", stats.bySource().index(),
                stats.bySource().inference(), stats.bySource().manual());
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

    private static String rootMessage(Throwable failure) {
        // a wrapper that only names its cause adds nothing (a configuration's @BindToRegistry method
        // that refused a setting reaches here inside an InvocationTargetException and Camel's wrapper)
        Throwable e = failure;
        while (e.getCause() != null && e.getCause() != e
                && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()))) {
            e = e.getCause();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
