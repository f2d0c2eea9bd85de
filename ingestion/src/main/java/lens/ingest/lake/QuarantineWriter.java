package lens.ingest.lake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import lens.events.EventHour;
import lens.events.EventJson;
import lens.events.LakeLayout;
import lens.ingest.landing.BadRecord;
import org.apache.hadoop.fs.Path;

/**
 * Keeps every dead letter in the lake as JSON lines, one file per partition and arrival hour per batch,
 * named by its offset range ({@code quarantine/topic=<t>/date=../hour=../<topic>+<p>+<first>+<last>.jsonl}).
 * Payloads are kept byte for byte (base64), so nothing is lost however broken they are.
 */
public final class QuarantineWriter {

    private final Lake lake;
    private final String writerId;

    public QuarantineWriter(Lake lake, String writerId) {
        this.lake = lake;
        this.writerId = writerId;
    }

    /** Records of one partition and one arrival hour, in offset order. */
    public Path write(EventHour arrivalHour, List<BadRecord> records) throws IOException {
        BadRecord first = records.get(0);
        BadRecord last = records.get(records.size() - 1);
        String name = LandedFileName.quarantineFileName(first.topic().topicName(), first.partition(),
                first.offset(), last.offset());
        Path target = lake.path(LakeLayout.quarantineDir(first.topic(), arrivalHour) + "/" + name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BadRecord record : records) {
            ObjectNode line = EventJson.mapper().createObjectNode();
            line.put("topic", record.topic().topicName());
            line.put("partition", record.partition());
            line.put("offset", record.offset());
            line.put("kafkaTimestamp", record.kafkaTimestamp());
            line.put("reason", record.reason().name());
            line.put("detail", record.detail());
            line.put("keyBase64", record.key() == null ? null : Base64.getEncoder().encodeToString(record.key()));
            line.put("valueBase64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
            out.write(EventJson.mapper().writeValueAsBytes(line));
            out.write('\n');
        }
        Path temp = Lake.tempFor(target, writerId);
        lake.writeDurably(temp, out.toByteArray());
        try {
            lake.publish(temp, target);
        } catch (Lake.FileAlreadyPublishedException e) {
            // the same offsets were quarantined before a crash; the copy is identical
        }
        return target;
    }
}
