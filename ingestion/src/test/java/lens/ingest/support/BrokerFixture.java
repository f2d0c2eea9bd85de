package lens.ingest.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lens.broker.KafkaBroker;
import lens.events.Topic;

/** A fresh real broker per test class, with the five topics and their DLTs. */
public final class BrokerFixture {

    private BrokerFixture() {
    }

    public static KafkaBroker start(Path dir, int partitions) {
        KafkaBroker broker = KafkaBroker.start(dir);
        List<String> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(topic.topicName());
            topics.add(topic.deadLetterTopic());
        }
        broker.createTopics(topics, partitions);
        return broker;
    }
}
