package lens.ingest.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class LogEndsTest {

    private static final TopicPartition P0 = new TopicPartition("user-interactions", 0);
    private static final TopicPartition P1 = new TopicPartition("user-interactions", 1);

    @Test
    void givenABrokerThatAnswers_whenAsked_thenEachPartitionHasItsLogEnd() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updateEndOffsets(Map.of(P0, 120L, P1, 7L));

        Map<TopicPartition, Long> ends = LogEnds.askOrNone(consumer, List.of(P0, P1), Duration.ofSeconds(2));

        assertThat(ends).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 120L, P1, 7L));
    }

    @Test
    void givenABrokerThatDoesNotAnswerInTime_whenAsked_thenThereIsNoAnswerAndNoFailure() {
        MockConsumer<byte[], byte[]> consumer = failingToGiveLogEnds(new TimeoutException("no ListOffsets answer"));

        Map<TopicPartition, Long> ends = LogEnds.askOrNone(consumer, List.of(P0), Duration.ofMillis(1));

        assertThat(ends).isEmpty();
    }

    @Test
    void givenNoPartitions_whenAsked_thenTheBrokerIsNotAsked() {
        MockConsumer<byte[], byte[]> consumer = failingToGiveLogEnds(new IllegalStateException("asked for no partitions"));

        assertThat(LogEnds.askOrNone(consumer, List.of(), Duration.ofSeconds(2))).isEmpty();
    }

    private static MockConsumer<byte[], byte[]> failingToGiveLogEnds(RuntimeException failure) {
        return new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions,
                                                                     Duration timeout) {
                throw failure;
            }
        };
    }
}
