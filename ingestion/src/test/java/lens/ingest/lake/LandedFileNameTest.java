package lens.ingest.lake;

import static org.assertj.core.api.Assertions.assertThat;

import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.events.Topic;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class LandedFileNameTest {

    @Test
    void givenTheLayoutsFileName_thenItParsesBackToTopicPartitionAndOffsets() {
        String name = LakeLayout.dataFileName(Topic.USER_INTERACTIONS, 3, 17, 4242);
        LandedFileName parsed = LandedFileName.parse(name).orElseThrow();
        assertThat(parsed).isEqualTo(new LandedFileName("user-interactions", 3, 17, 4242, "parquet"));
    }

    @Test
    void givenHiddenOrForeignNames_thenTheyAreNotLandedFiles() {
        assertThat(LandedFileName.parse("." + LakeLayout.dataFileName(Topic.USER_INTERACTIONS, 3, 17, 42) + ".x.tmp"))
                .isEmpty();
        assertThat(LandedFileName.parse("_MANIFEST.json")).isEmpty();
        assertThat(LandedFileName.parse("part-0000.snappy.parquet")).isEmpty();
    }

    @Test
    void givenAnEventTime_thenItRoutesToItsUtcHourFolder_withTheLastMilliStillInTheHour() {
        EventHour eight = EventHour.parse("2026-11-29T08");
        assertThat(EventHour.of(eight.endMillis() - 1)).isEqualTo(eight);
        assertThat(EventHour.of(eight.endMillis())).isEqualTo(eight.plusHours(1));
        Path file = new Path("/lake/" + LakeLayout.hourDir(Topic.MODEL_METRICS, EventHour.of(eight.endMillis() - 1))
                + "/" + LakeLayout.dataFileName(Topic.MODEL_METRICS, 0, 1, 2));
        assertThat(file.toString()).contains("events/topic=model-metrics/date=2026-11-29/hour=08/");
        assertThat(LandedFileName.hourOf(file)).contains(eight);
    }

    @Test
    void givenAPartitionsTempFile_thenItIsRecognisedAsThatPartitionsOnly() {
        String temp = ".user-interactions+3+17.host-1.abc.tmp";
        assertThat(LandedFileName.isTempOf(temp, "user-interactions", 3)).isTrue();
        assertThat(LandedFileName.isTempOf(temp, "user-interactions", 31)).isFalse();
        assertThat(LandedFileName.isTempOf(temp, "user-interactions", 1)).isFalse();
    }
}
