package dev.ghostrecords.feeds;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The progress lines of a long feed read, on a clock the test moves. */
class FeedProgressTest {

    /** progress looks at no entry, it only counts them */
    private static final FeedEntry ENTRY = null;

    @Test
    void should_log_progress_at_most_once_per_interval_when_a_read_takes_long() throws Exception {
        AtomicLong clock = new AtomicLong();
        int[] written = {0};
        try (LogLines log = LogLines.of(FeedProgress.class)) {
            FeedProgress progress = new FeedProgress("big", "big_models_1.json", Duration.ofSeconds(5), clock::get,
                    entry -> written[0]++);
            // 20,480 entries over 20 s: a second per 1,024 entries
            for (int i = 1; i <= 20_480; i++) {
                progress.accept(ENTRY);
                if (i % 1024 == 0) {
                    clock.addAndGet(Duration.ofSeconds(1).toNanos());
                }
            }
            progress.merging(() -> true);
            assertThat(written[0]).as("every entry reaches the writer").isEqualTo(20_480);
            assertThat(log.lines()).containsExactly(
                    "INFO provider=big file=big_models_1.json reading: 6144 entries so far (5 s)",
                    "INFO provider=big file=big_models_1.json reading: 11264 entries so far (10 s)",
                    "INFO provider=big file=big_models_1.json reading: 16384 entries so far (15 s)",
                    "INFO provider=big file=big_models_1.json read 20480 entries in 20 s, merging into the catalog");
        }
    }

    @Test
    void should_tell_the_merge_is_still_running_until_the_transaction_ends() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        try (LogLines log = LogLines.of(FeedProgress.class)) {
            FeedProgress progress = new FeedProgress("slow", "slow_models_1.json", Duration.ofMillis(100), System::nanoTime,
                    entry -> { });
            for (int i = 0; i < 10; i++) {
                progress.accept(ENTRY);
            }
            progress.merging(done::get);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().size() >= 2);
            assertThat(log.lines()).allMatch(line -> line.matches(
                    "INFO provider=slow file=slow_models_1\\.json merging 10 entries into the catalog: \\d+ s so far"));
            done.set(true);
            int lines = log.lines().size();
            // the tick after the end stops the ticker: at most the one already running logs
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> log.lines().size() <= lines + 1);
        }
    }

    @Test
    void should_log_nothing_extra_when_a_file_is_read_within_one_interval() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (LogLines log = LogLines.of(FeedProgress.class)) {
            FeedProgress progress = new FeedProgress("small", "small_models_1.json", Duration.ofSeconds(5), clock::get,
                    entry -> clock.addAndGet(1_000));
            for (int i = 0; i < 3000; i++) {
                progress.accept(ENTRY);
            }
            progress.merging(() -> true);
            assertThat(log.lines()).isEmpty();
        }
    }
}
