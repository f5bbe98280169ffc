package dev.ghostrecords.feeds;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
            progress.finished();
            assertThat(written[0]).as("every entry reaches the writer").isEqualTo(20_480);
            assertThat(log.lines()).containsExactly(
                    "INFO provider=big file=big_models_1.json reading: 6144 entries so far (5 s)",
                    "INFO provider=big file=big_models_1.json reading: 11264 entries so far (10 s)",
                    "INFO provider=big file=big_models_1.json reading: 16384 entries so far (15 s)",
                    "INFO provider=big file=big_models_1.json read 20480 entries in 20 s, merging into the catalog");
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
            progress.finished();
            assertThat(log.lines()).isEmpty();
        }
    }
}
