package lens.batch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import lens.batch.support.BatchTestContext;
import lens.batch.support.TestBroker;
import lens.events.EventHour;
import lens.trainer.job.JobResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The crash windows of publishing, staged through the ledger the publisher keeps. */
class PublisherRecoveryTest extends BatchTestContext {

    static final String JOB = "publisher-probe";

    @Autowired
    ModelMetricsPublisher publisher;
    @Autowired
    PublicationLedger ledger;
    @Autowired
    DataSource dataSource;

    @Test
    void givenAMessageSentButNotMarkedSent_whenPublishedAgain_thenItIsFoundInTheTopicAndNotSentTwice() {
        EventHour hour = EventHour.parse("2026-11-03T01");
        JobResult result = result(hour, 5.0);
        PublishOutcome first = publisher.publish(JOB, hour, 1, result, hour.endMillis());
        // The JVM died after Kafka acknowledged but before the ledger said SENT.
        new JdbcTemplate(dataSource).update("UPDATE LENS_PUBLICATION SET STATE = 'PENDING', KAFKA_OFFSET = NULL "
                + "WHERE JOB_NAME = ? AND WINDOW_ID = ?", JOB, hour.id());

        PublishOutcome again = publisher.publish(JOB, hour, 1, result, hour.endMillis());

        assertThat(first.state()).isEqualTo(PublishOutcome.State.SENT);
        assertThat(again.state()).isEqualTo(PublishOutcome.State.ALREADY_SENT);
        assertThat(again.offset()).isEqualTo(first.offset());
        assertThat(ledger.find(JOB, hour.id(), 1).orElseThrow().state()).isEqualTo(PublicationLedger.State.SENT);
        assertThat(messages(hour)).hasSize(1);
    }

    @Test
    void givenAPendingRecordWhoseSendNeverHappened_whenPublishedAgain_thenItIsSentOnce() {
        EventHour hour = EventHour.parse("2026-11-03T02");
        JobResult result = result(hour, 7.0);
        // The JVM died after recording PENDING, before the send: the partition holds nothing of it.
        ledger.pending(JOB, hour.id(), 1, MetricMessages.fingerprint(result), MetricMessages.eventId(JOB, hour, 1),
                0, 0L);

        PublishOutcome outcome = publisher.publish(JOB, hour, 1, result, hour.endMillis());

        assertThat(outcome.state()).isEqualTo(PublishOutcome.State.SENT);
        assertThat(messages(hour)).hasSize(1);
    }

    @Test
    void givenAChangedResultForANewVersion_whenPublished_thenBothVersionsShareTheKeyAndTheNewOneIsHigher() {
        EventHour hour = EventHour.parse("2026-11-03T03");
        publisher.publish(JOB, hour, 1, result(hour, 1.0), hour.endMillis());
        PublishOutcome same = publisher.publish(JOB, hour, 2, result(hour, 1.0), hour.endMillis() + 1);
        PublishOutcome changed = publisher.publish(JOB, hour, 3, result(hour, 2.0), hour.endMillis() + 2);

        assertThat(same.state()).isEqualTo(PublishOutcome.State.UNCHANGED);
        assertThat(same.sameAsVersion()).isEqualTo(1);
        assertThat(changed.state()).isEqualTo(PublishOutcome.State.SENT);
        List<TestBroker.Published> published = messages(hour);
        assertThat(published).extracting(p -> p.metric().version()).containsExactly(1, 3);
        assertThat(published).extracting(TestBroker.Published::key).containsOnly(JOB + "|" + hour);
    }

    private static JobResult result(EventHour hour, double rows) {
        return new JobResult(JOB, hour.toString(), Map.of("rows", rows), Map.of(), List.of());
    }

    private static List<TestBroker.Published> messages(EventHour hour) {
        return TestBroker.modelMetrics(JOB).stream().filter(p -> p.metric().window().equals(hour.toString()))
                .sorted(java.util.Comparator.comparing(p -> p.metric().version())).toList();
    }
}
