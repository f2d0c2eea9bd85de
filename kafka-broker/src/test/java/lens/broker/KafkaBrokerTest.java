package lens.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void givenAFreshDirectory_whenStarted_thenARealBrokerOnLoopbackStoresAndServesRecords() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            broker.createTopics(List.of("probe"), 2);

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "probe",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 30 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofSeconds(1));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }
        }
    }

    @Test
    void givenATopicWithRecords_whenKafkasConsumerPerformanceToolRuns_thenItsFiguresCountEveryRecordRead() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopics(List.of("probe"), 1);
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("probe", "k", "record-" + i));
                }
                producer.flush();
            }

            Map<String, String> figures = broker.consumerPerformance("probe", 50, "perf", 1024 * 1024);

            assertThat(figures).containsEntry("data.consumed.in.nMsg", "50").containsKey("fetch.nMsg.sec");
        }
    }

    @Test
    void givenAToolThatFails_whenRun_thenItsOutputExplainsTheFailure() {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            assertThatThrownBy(() -> broker.runTool("org.apache.kafka.tools.ConsumerPerformance",
                    List.of("--no-such-option"), Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-option");
        }
    }

    @Test
    void givenAClosedBroker_whenRestartedAtOnceOnItsData_thenItServesWhatItStored() throws Exception {
        // what `./lens backfill` right after `./lens demo` does: the same node id registers again within seconds
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopics(List.of("kept"), 1);
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "before restart")).get();
            }
        }

        try (KafkaBroker restarted = KafkaBroker.start(dir)) {
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "after-restart",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 60 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofSeconds(1));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("before restart");
            }
        }
    }

    @Test
    void givenAPortTakenBetweenProbeAndBind_whenStarted_thenTheBrokerRetriesOnFreshPorts() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger handedOut = new AtomicInteger();
            IntSupplier portsFirstTakenThenFree = () -> handedOut.getAndIncrement() == 0
                    ? squatter.getLocalPort() : KafkaBroker.freePort();

            try (KafkaBroker broker = KafkaBroker.start(dir, portsFirstTakenThenFree)) {
                assertThat(handedOut.get()).as("ports asked for: two tries of two").isEqualTo(4);
                assertThat(broker.bootstrapServers()).isNotEqualTo("127.0.0.1:" + squatter.getLocalPort());
                broker.createTopics(List.of("probe"), 1);
            }
        }
    }

    @Test
    void givenAPortThatStaysTaken_whenStarted_thenItFailsNamingTheBindFailure() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger handedOut = new AtomicInteger();
            IntSupplier clientPortAlwaysTaken = () -> handedOut.getAndIncrement() % 2 == 0
                    ? squatter.getLocalPort() : KafkaBroker.freePort();

            assertThatThrownBy(() -> KafkaBroker.start(dir, clientPortAlwaysTaken))
                    .hasMessageContaining("could not bind in 3 tries")
                    .cause().hasMessageContaining("Address already in use");
        }
    }

    @Test
    void givenARunningBroker_whenClosed_thenItsProcessIsGone() {
        KafkaBroker broker = KafkaBroker.start(dir);
        assertThat(broker.isAlive()).isTrue();

        broker.close();

        assertThat(broker.isAlive()).isFalse();
    }
}
