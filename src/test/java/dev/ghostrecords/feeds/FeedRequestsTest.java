package dev.ghostrecords.feeds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedRequestsTest {

    private final FeedRequests requests = new FeedRequests();

    @Test
    void should_read_the_list_filters_of_ingestions() {
        assertThat(requests.ingestions("Google", "3")).isEqualTo(new IngestionQuery("google", 3));
    }
}
