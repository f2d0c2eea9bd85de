package lens.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import lens.ingest.compaction.AutoCompactionProperties;
import lens.ingest.compaction.AutoCompactor;
import lens.ingest.compaction.CompactionProperties;
import lens.ingest.compaction.HourCompactor;
import lens.ingest.lake.Lake;
import lens.ingest.landing.DeadLetterPublisher;
import lens.ingest.landing.EncoderPool;
import lens.ingest.landing.Ingester;
import lens.ingest.landing.IngesterPerConsumer;
import lens.ingest.ops.IngestMetrics;
import lens.ingest.ops.KafkaHealthIndicator;
import lens.ingest.ops.LakeHealthIndicator;
import lens.ingest.validation.FastPathValidator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The ingester's beans: one listener container whose consumer threads each feed their own {@link Ingester}. */
@Configuration(proxyBeanMethods = false)
public class IngestionConfiguration {

    /** The wall clock (a test may supply its own, to judge events later than it runs). */
    @Bean
    @ConditionalOnMissingBean(name = "ingestClock")
    Clock ingestClock() {
        return Clock.systemUTC();
    }

    @Bean
    Lake lake(LakeProperties lake, Environment environment) {
        return Lake.open(lake.rootOrDefault(environment.getProperty("lens.workdir")), lake.hadoop());
    }

    @Bean
    IngestionStatus ingestionStatus(Clock ingestClock) {
        return new IngestionStatus(ingestClock);
    }

    @Bean
    IngestMetrics ingestMetrics(ObjectProvider<MeterRegistry> registry) {
        return new IngestMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory(KafkaConnectionProperties kafka,
                                                                        IngestProperties ingest) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "lens-ingest-dlt-" + ingest.instanceId());
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory) {
        return new KafkaTemplate<>(deadLetterProducerFactory);
    }

    /**
     * The consumer threads may run a row group's worth of Kafka payload each (one shared budget) ahead of the
     * encoders: a file's encoder is busy that long when it writes a full row group, and a smaller bound left the
     * consumer threads waiting a third of the time. A slow disk still holds polling back.
     */
    @Bean(destroyMethod = "close")
    EncoderPool encoderPool(IngestProperties ingest) {
        long bytesInFlight = ingest.rowGroupSize().toBytes() * ingest.consumers();
        return new EncoderPool(ingest.encoderThreads(), (int) Math.min(Integer.MAX_VALUE, bytesInFlight));
    }

    /** One {@link Ingester} per consumer thread; the validator and the encoder threads are shared. */
    @Bean
    IngesterPerConsumer ingesters(IngestProperties ingest, Lake lake, KafkaTemplate<byte[], byte[]> deadLetterTemplate,
                                  EncoderPool encoderPool, IngestionStatus status, IngestMetrics metrics,
                                  Clock ingestClock) {
        FastPathValidator validator = new FastPathValidator(ingestClock, ingest.maxFutureSkew(),
                (int) ingest.maxPayloadSize().toBytes());
        IngesterPerConsumer ingesters = new IngesterPerConsumer(ingest.instanceId(), ingest.consumers(),
                instanceId -> new Ingester(ingest, instanceId, lake, new DeadLetterPublisher(deadLetterTemplate,
                        (int) ingest.deadLetterMaxValueSize().toBytes()),
                        validator, encoderPool, status, metrics, ingestClock));
        metrics.bindOpenWriters(ingesters::openFiles);
        return ingesters;
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> ingestContainer(KafkaConnectionProperties kafka,
                                                                       IngestProperties ingest,
                                                                       IngesterPerConsumer ingesters) {
        DefaultKafkaConsumerFactory<byte[], byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(consumerConfig(kafka, ingest));
        ContainerProperties container = new ContainerProperties(ingest.topics().toArray(String[]::new));
        container.setGroupId(ingest.groupId());
        container.setMessageListener(ingesters);
        container.setConsumerRebalanceListener(ingesters);
        // offsets are committed by the ingester itself, after the files they cover are published
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
        container.setIdleEventInterval(ingest.idleCheckInterval().toMillis());
        container.setIdlePartitionEventInterval(ingest.idleCheckInterval().toMillis());
        container.setPollTimeout(ingest.pollTimeout().toMillis());
        container.setShutdownTimeout(60_000);
        ConcurrentMessageListenerContainer<byte[], byte[]> listenerContainer =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        listenerContainer.setConcurrency(ingest.consumers());
        listenerContainer.setBeanName("lens-ingest");
        return listenerContainer;
    }

    /** The ingester's Kafka consumer settings. */
    static Map<String, Object> consumerConfig(KafkaConnectionProperties kafka, IngestProperties ingest) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // an aborted transaction's records must never land
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ingest.maxPollRecords());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) ingest.partitionFetchSize().toBytes());
        // the OS sizes the socket buffer (Linux autotunes it) instead of Kafka's fixed 64KB
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lens-ingest-" + ingest.instanceId());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) ingest.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) ingest.heartbeatInterval().toMillis());
        // how soon partitions added to a topic are assigned and counted in hour completeness
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, ingest.metadataMaxAge().toMillis());
        return config;
    }

    /** Opt-in ({@code lens.ingest.compaction.auto=true}): off by default, see {@link AutoCompactionProperties}. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "lens.ingest.compaction.auto", havingValue = "true")
    AutoCompactor autoCompactor(Lake lake, CompactionProperties compaction, AutoCompactionProperties auto,
                                IngestProperties ingest, Clock ingestClock) {
        HourCompactor compactor = new HourCompactor(lake, compaction, ingest.instanceId() + "-compactor", ingestClock);
        return new AutoCompactor(lake, compactor, ingest.lensTopics(), auto.interval());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaConnectionProperties kafka) {
        return new KafkaHealthIndicator(kafka.bootstrapServers());
    }

    @Bean
    LakeHealthIndicator lakeHealthIndicator(Lake lake, IngestProperties ingest) {
        return new LakeHealthIndicator(lake, ingest.instanceId());
    }
}
