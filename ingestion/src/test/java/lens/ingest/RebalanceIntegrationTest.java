package lens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import lens.events.Topic;
import lens.ingest.support.BrokerPerClass;
import lens.ingest.support.Ingesters;
import lens.ingest.support.LakeReader;
import lens.ingest.support.TestEvents;
import lens.ingest.support.TestKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * A second instance (with two consumer threads) joins mid-stream and leaves again: partitions move twice, every
 * event still lands once.
 */
@Tag("slow")
class RebalanceIntegrationTest {

    @RegisterExtension
    static final BrokerPerClass broker = new BrokerPerClass(4);

    @Test
    void givenASecondInstanceJoiningAndLeavingMidStream_thenEveryEventLandsExactlyOnce() throws Exception {
        Path lake = broker.path("lake");
        Set<String> produced = new HashSet<>();
        long base = System.currentTimeMillis() - 2 * 3_600_000L;
        int next = 0;
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers());
             ConfigurableApplicationContext first = Ingesters.start(broker.bootstrapServers(), lake,
                     "lens.ingest.group-id=rebalance", "lens.ingest.instance-id=first",
                     "lens.ingest.topics=user-interactions", "lens.ingest.max-poll-records=100")) {
            next = produce(kafka, produced, next, 3000, base);
            // the second instance runs two consumer threads: three consumers share the four partitions
            ConfigurableApplicationContext second = Ingesters.start(broker.bootstrapServers(), lake,
                    "lens.ingest.group-id=rebalance", "lens.ingest.instance-id=second", "lens.ingest.consumers=2",
                    "lens.ingest.topics=user-interactions", "lens.ingest.max-poll-records=100");
            try {
                // produce the next share only once the group has rebalanced, or the first may take it all
                awaitAssignment(second, n -> n > 0);
                next = produce(kafka, produced, next, 3000, base);
                assertThat(second.getBean(IngestionStatus.class).awaitQuiescent(Duration.ofSeconds(120))).isTrue();
                assertThat(second.getBean(IngestionStatus.class).landed(Topic.USER_INTERACTIONS)).isPositive();
                next = produce(kafka, produced, next, 2000, base);
            } finally {
                second.close();
            }
            produce(kafka, produced, next, 2000, base);
            // quiescence is per instance: first must own all four partitions again before it can vouch for them
            awaitAssignment(first, n -> n == 4);
            assertThat(first.getBean(IngestionStatus.class).awaitQuiescent(Duration.ofSeconds(120))).isTrue();
        }
        List<String> landed = new ArrayList<>();
        LakeReader.rows(lake, Topic.USER_INTERACTIONS).forEach(r -> landed.add(r.eventId()));
        assertThat(landed).doesNotHaveDuplicates();
        Set<String> missing = new TreeSet<>(produced);
        missing.removeAll(landed);
        Set<String> unexpected = new TreeSet<>(landed);
        unexpected.removeAll(produced);
        assertThat(missing).as("produced but not landed").isEmpty();
        assertThat(unexpected).as("landed but never produced").isEmpty();
    }

    private static void awaitAssignment(ConfigurableApplicationContext ingester, IntPredicate partitions)
            throws InterruptedException {
        ConcurrentMessageListenerContainer<?, ?> container = ingester.getBean(ConcurrentMessageListenerContainer.class);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && !partitions.test(assigned(container))) {
            Thread.sleep(50);
        }
        assertThat(assigned(container)).as("partitions assigned to the instance").matches(partitions::test);
    }

    private static int assigned(ConcurrentMessageListenerContainer<?, ?> container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private static int produce(TestKafka kafka, Set<String> produced, int from, int count, long base) {
        for (int i = from; i < from + count; i++) {
            String id = "r-" + i;
            kafka.send(TestEvents.view(id, base + (i % 7200) * 1000L, i % 97));
            produced.add(id);
        }
        kafka.flush();
        return from + count;
    }
}
