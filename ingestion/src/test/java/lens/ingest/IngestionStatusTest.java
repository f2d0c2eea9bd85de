package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Quiescence is per consumer: every consumer that holds partitions must vouch for them, afresh. */
class IngestionStatusTest {

    private final IngestionStatus status = new IngestionStatus(Clock.systemUTC());

    @Test
    void givenNoConsumerWithPartitions_thenNothingIsQuiescent() {
        status.reportUnassigned("c0");

        assertThat(status.awaitQuiescent(Duration.ofMillis(150))).isFalse();
    }

    @Test
    void givenTwoConsumers_whenOnlyOneReportsQuiescentAfterTheAsk_thenTheWaitGoesOnUntilTheOtherDoes()
            throws Exception {
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> status.awaitQuiescent(Duration.ofSeconds(5)));
        Thread.sleep(50);
        status.reportQuiescence("c0", System.currentTimeMillis(), true);
        status.reportQuiescence("c1", System.currentTimeMillis(), false);
        Thread.sleep(200);
        assertThat(waited).isNotDone();

        status.reportQuiescence("c1", System.currentTimeMillis(), true);

        assertThat(waited.get()).isTrue();
    }

    @Test
    void givenAConsumerThatLostItsPartitions_thenTheOthersAloneVouch() {
        long before = System.currentTimeMillis() - 60_000;
        status.reportQuiescence("c1", before, true); // an old check: it would never count for a new ask
        status.reportUnassigned("c1");
        status.reportQuiescence("c0", System.currentTimeMillis() + 1_000, true);

        assertThat(status.awaitQuiescent(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void givenAQuiescentCheckThatStartedBeforeTheAsk_thenItDoesNotCount() {
        status.reportQuiescence("c0", System.currentTimeMillis() - 1_000, true);

        assertThat(status.awaitQuiescent(Duration.ofMillis(200))).isFalse();
    }
}
