package lens.cli.demo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
            Map<String, Topic> byDeadLetterTopic = Arrays.stream(Topic.values())
                    .collect(Collectors.toMap(Topic::deadLetterTopic, topic -> topic));
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(byDeadLetterTopic.keySet()).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> {
                        TopicPartition partition = new TopicPartition(name, p.partition());
                        earliest.put(partition, OffsetSpec.earliest());
                        latest.put(partition, OffsetSpec.latest());
                    }));
            var start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            var end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<Topic, Long> counts = new LinkedHashMap<>();
            for (Topic topic : Topic.values()) {
                counts.put(topic, 0L);
            }
            end.forEach((partition, offsets) -> counts.merge(byDeadLetterTopic.get(partition.topic()),
                    offsets.offset() - start.get(partition).offset(), Long::sum));
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException("cannot count dead letters", e);
        }
    }
}
