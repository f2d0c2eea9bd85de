package lens.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lens.events.Field;
import lens.events.Topic;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    @Test
    void givenEveryTopicsFieldNames_whenLookedUpByTheirBytes_thenEachGivesItsIndex() {
        for (Topic topic : Topic.values()) {
            List<String> names = topic.schema().fields().stream().map(Field::name).toList();
            FieldNames fieldNames = new FieldNames(names);
            for (int i = 0; i < names.size(); i++) {
                assertThat(indexOf(fieldNames, names.get(i))).as(names.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void givenKeysThatAreNoFieldName_whenLookedUp_thenThereIsNoIndex() {
        FieldNames fieldNames = new FieldNames(Topic.USER_INTERACTIONS.schema().fields().stream().map(Field::name).toList());
        for (String key : List.of("", "e", "eventI", "eventIdd", "eventid", "EventId", "useRId", "userIe", "xserId",
                "rating ", " rating", "sessionIdentifier", "movieIds")) {
            assertThat(indexOf(fieldNames, key)).as(key).isEqualTo(-1);
        }
    }

    @Test
    void givenNamesWhoseHashesCollide_whenLookedUp_thenEachStillGivesItsOwnIndex() {
        FieldNames fieldNames = new FieldNames(List.of("ab", "ab_b", "acb", "aab", "a_b"));
        assertThat(indexOf(fieldNames, "ab")).isEqualTo(0);
        assertThat(indexOf(fieldNames, "ab_b")).isEqualTo(1);
        assertThat(indexOf(fieldNames, "acb")).isEqualTo(2);
        assertThat(indexOf(fieldNames, "aab")).isEqualTo(3);
        assertThat(indexOf(fieldNames, "a_b")).isEqualTo(4);
        assertThat(indexOf(fieldNames, "axb")).isEqualTo(-1);
    }

    @Test
    void givenTheExpectedFieldsKeyInPlace_whenChecked_thenOnlyTheWholeNameWithItsClosingQuoteMatches() {
        FieldNames fieldNames = new FieldNames(List.of("eventId", "timestamp"));
        String json = "{\"eventId\":1,\"eventIdx\":2,\"event\":3,\"timestamp";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);

        assertThat(fieldNames.keyLengthAt(0, payload, keyAt(json, "eventId"))).isEqualTo("eventId".length());
        assertThat(fieldNames.keyLengthAt(1, payload, keyAt(json, "eventId"))).isEqualTo(-1);
        assertThat(fieldNames.keyLengthAt(0, payload, keyAt(json, "eventIdx"))).isEqualTo(-1);
        assertThat(fieldNames.keyLengthAt(0, payload, keyAt(json, "event\""))).isEqualTo(-1);
        assertThat(fieldNames.keyLengthAt(1, payload, keyAt(json, "timestamp"))).as("no closing quote").isEqualTo(-1);
        assertThat(fieldNames.keyLengthAt(2, payload, keyAt(json, "eventId"))).as("no such field").isEqualTo(-1);
    }

    /** Where the key starting with {@code start} begins, after its opening quote. */
    private static int keyAt(String json, String start) {
        return json.indexOf("\"" + start) + 1;
    }

    /** Looks the key up inside a larger buffer, as it stands in a payload. */
    private static int indexOf(FieldNames names, String key) {
        byte[] payload = ("{\"" + key + "\":1}").getBytes(StandardCharsets.UTF_8);
        return names.indexOf(payload, 2, payload.length - 4);
    }
}
