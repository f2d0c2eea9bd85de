package lens.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long T = Instant.parse("2026-11-29T08:15:00Z").toEpochMilli();
    private final EventValidator validator =
            new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), 1024);

    private Validation validate(Topic topic, String json) {
        return validator.validate(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String rate(String rating) {
        return "{\"eventId\":\"e1\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":42,"
                + "\"interactionType\":\"RATE\",\"rating\":" + rating + "}";
    }

    @Test
    void givenAValidRating_whenValidated_thenValuesComeInColumnOrder() {
        Validation result = validate(Topic.USER_INTERACTIONS, rate("4.5"));

        assertThat(result).isInstanceOf(Validation.Valid.class);
        Validation.Valid valid = (Validation.Valid) result;
        assertThat(valid.eventId()).isEqualTo("e1");
        assertThat(valid.timestamp()).isEqualTo(T);
        assertThat(valid.values()).containsExactly("e1", T, 7L, 42L, "RATE", 4.5, null, null, null);
        assertThat(valid.extrasJson()).isNull();
    }

    @Test
    void givenATypedEvent_whenEncoded_thenItValidates() {
        byte[] json = EventJson.encode(new RecommendationResponse("r1", T, "req-1", 3, "als", "v12", 41.5, true,
                null, java.util.List.of(1L, 2L, 3L), "exp-1", "treatment"));

        Validation result = validator.validate(Topic.RECOMMENDATION_RESPONSES, json);

        assertThat(result).isInstanceOf(Validation.Valid.class);
        Object[] values = ((Validation.Valid) result).values();
        assertThat((long[]) values[Topic.RECOMMENDATION_RESPONSES.schema().indexOf("movieIds")])
                .containsExactly(1, 2, 3);
    }

    @Test
    void givenUnknownExtraFields_whenValidated_thenTheyAreKeptAsExtras() {
        String json = rate("3").replace("}", ",\"device\":\"tv\",\"abVersion\":2}");

        Validation.Valid valid = (Validation.Valid) validate(Topic.USER_INTERACTIONS, json);

        assertThat(valid.extrasJson()).isEqualTo("{\"device\":\"tv\",\"abVersion\":2}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                  | hello world                                                        | NOT_JSON
            truncated json            | {"eventId":"e1","timestamp":                                       | TRUNCATED_JSON
            array instead of object   | [1,2,3]                                                            | NOT_AN_OBJECT
            missing userId            | {"eventId":"e","timestamp":1764403200000,"movieId":1,"interactionType":"VIEW"} | MISSING_FIELD
            userId as string          | {"eventId":"e","timestamp":1764403200000,"userId":"7","movieId":1,"interactionType":"VIEW"} | WRONG_TYPE
            fractional userId         | {"eventId":"e","timestamp":1764403200000,"userId":7.5,"movieId":1,"interactionType":"VIEW"} | WRONG_TYPE
            unknown interaction type  | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"PURCHASE"} | UNKNOWN_EVENT_TYPE
            rate without rating       | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"RATE"} | MISSING_FIELD
            rating out of range       | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"RATE","rating":9} | INVALID_VALUE
            before 2000               | {"eventId":"e","timestamp":1000,"userId":7,"movieId":1,"interactionType":"VIEW"} | TIMESTAMP_OUT_OF_RANGE
            far future                | {"eventId":"e","timestamp":4102444800000,"userId":7,"movieId":1,"interactionType":"VIEW"} | TIMESTAMP_OUT_OF_RANGE
            path escape in session    | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW","sessionId":"../../etc"} | UNSAFE_VALUE
            slash in session          | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW","sessionId":"a/b"} | UNSAFE_VALUE
            NUL in query              | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"SEARCH","query":"a\\u0000b"} | UNSAFE_VALUE
            blank event id            | {"eventId":" ","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW"} | INVALID_VALUE
            null user id              | {"eventId":"e","timestamp":1764403200000,"userId":null,"movieId":1,"interactionType":"VIEW"} | MISSING_FIELD
            garbage after the object  | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW"} xyz | NOT_JSON
            a second object after it  | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW"}{"eventId":"f"} | NOT_JSON
            lone high surrogate       | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"SEARCH","query":"a\\ud800b"} | INVALID_VALUE
            lone low surrogate        | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"SEARCH","query":"\\udc00"} | INVALID_VALUE
            lone surrogate in extras  | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW","note":["ok","\\ud83c"]} | INVALID_VALUE
            lone surrogate in a key (Jackson refuses it) | {"eventId":"e","timestamp":1764403200000,"userId":7,"movieId":1,"interactionType":"VIEW","\\ud83c":1} | NOT_JSON
            """)
    void givenABadMessage_whenValidated_thenItIsRejectedWithItsReason(String name, String json, InvalidReason reason) {
        Validation result = validate(Topic.USER_INTERACTIONS, json);

        assertThat(result).isInstanceOf(Validation.Invalid.class);
        assertThat(((Validation.Invalid) result).reason()).isEqualTo(reason);
    }

    @Test
    void givenAnEscapedSurrogatePairAndTrailingWhitespace_whenValidated_thenTheCharacterIsKept() {
        String json = "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":1,"
                + "\"interactionType\":\"SEARCH\",\"query\":\"film \\ud83c\\udfac\"}\n  ";

        Validation result = validate(Topic.USER_INTERACTIONS, json);

        assertThat(result).isInstanceOf(Validation.Valid.class);
        Object[] values = ((Validation.Valid) result).values();
        assertThat(values[Topic.USER_INTERACTIONS.schema().indexOf("query")]).isEqualTo("film \uD83C\uDFAC");
    }

    @Test
    void givenEmptyNullOversizeAndNonUtf8Payloads_whenValidated_thenEachHasItsReason() {
        assertThat(reason(null)).isEqualTo(InvalidReason.NULL_PAYLOAD);
        assertThat(reason(new byte[0])).isEqualTo(InvalidReason.EMPTY_PAYLOAD);
        assertThat(reason(new byte[2048])).isEqualTo(InvalidReason.OVERSIZE_PAYLOAD);
        byte[] latin1 = rate("4").replace("e1", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reason(latin1)).isEqualTo(InvalidReason.NOT_UTF8);
        assertThat(reason("   ".getBytes(StandardCharsets.UTF_8))).isEqualTo(InvalidReason.EMPTY_PAYLOAD);
    }

    @Test
    void givenUnsafeMetricNamesOrVariants_whenValidated_thenTheyAreUnsafe() {
        String metric = "{\"eventId\":\"m\",\"timestamp\":" + T + ",\"source\":\"als\",\"metrics\":{\"../x\":1}}";
        String variant = "{\"eventId\":\"a\",\"timestamp\":" + T
                + ",\"experimentId\":\"exp\",\"variant\":\"/tmp\",\"userId\":1,\"eventType\":\"ASSIGNMENT\"}";

        assertThat(((Validation.Invalid) validate(Topic.MODEL_METRICS, metric)).reason())
                .isEqualTo(InvalidReason.UNSAFE_VALUE);
        assertThat(((Validation.Invalid) validate(Topic.AB_TEST_EVENTS, variant)).reason())
                .isEqualTo(InvalidReason.UNSAFE_VALUE);
    }

    private InvalidReason reason(byte[] payload) {
        return ((Validation.Invalid) validator.validate(Topic.USER_INTERACTIONS, payload)).reason();
    }
}
