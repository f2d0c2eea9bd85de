package lens.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lens.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Messages in each dead-letter topic: end offset minus start offset of every partition. */
public final class DeadLetterCounts {

    private DeadLetterCounts() {
    }

    public static Map<Topic, Long> count(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<Topic, Long> counts = new LinkedHashMap<>();
            for (Topic topic : Topic.values()) {
                var description = admin.describeTopics(List.of(topic.deadLetterTopic())).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic.deadLetterTopic());
                List<TopicPartition> partitions = new ArrayList<>();
                description.partitions().forEach(p -> partitions.add(
                        new TopicPartition(topic.deadLetterTopic(), p.partition())));
                Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                partitions.forEach(tp -> {
                    earliest.put(tp, OffsetSpec.earliest());
                    latest.put(tp, OffsetSpec.latest());
                });
                var start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
                var end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                long total = 0;
                for (TopicPartition tp : partitions) {
                    total += end.get(tp).offset() - start.get(tp).offset();
                }
                counts.put(topic, total);
            }
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException("cannot count dead letters", e);
        }
    }
}
