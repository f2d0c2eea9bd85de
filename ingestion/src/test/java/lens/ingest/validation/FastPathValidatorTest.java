package lens.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import lens.events.EventJson;
import lens.events.EventValidator;
import lens.events.Field;
import lens.events.Topic;
import lens.events.Validation;
import lens.ingest.support.TestEvents;
import org.junit.jupiter.api.Test;

/** The fast path must give the canonical validator's verdict for every input: same values, same reasons. */
class FastPathValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long T = Instant.parse("2026-11-29T08:15:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventValidator canonical = new EventValidator(CLOCK, Duration.ofHours(1), 1024);
    private final FastPathValidator fast = new FastPathValidator(CLOCK, Duration.ofHours(1), 1024);

    private static String interaction(String body) {
        return "{\"eventId\":\"e1\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":42" + body + "}";
    }

    private static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // clean events of every topic: the fast path must take them itself
        cases.add(Case.clean(Topic.USER_INTERACTIONS, EventJson.encode(TestEvents.view("v-1", T, 7))));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, EventJson.encode(TestEvents.response("r-1", T, 7))));
        cases.add(Case.clean(Topic.MODEL_METRICS, EventJson.encode(TestEvents.metric("m-1", T))));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"RATE\",\"rating\":4.5")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"RATE\",\"rating\":5")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"RATE\",\"rating\":4e0")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"caf\u00e9 \u2603\"")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"VIEW\",\"sessionId\":null")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"VIEW\",\"sessionId\":\"" + "s".repeat(64) + "\"")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, " " + interaction(",\"interactionType\":\"CLICK\"") + " \n"));
        cases.add(Case.clean(Topic.RECOMMENDATION_REQUESTS, "{\"eventId\":\"q\",\"timestamp\":" + T
                + ",\"requestId\":\"req-1\",\"userId\":0,\"numItems\":1000,\"context\":\"home\"}"));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, "{\"eventId\":\"r\",\"timestamp\":" + T
                + ",\"requestId\":\"req-1\",\"userId\":3,\"modelName\":\"als\",\"modelVersion\":\"v1\",\"latencyMs\":0,"
                + "\"success\":false,\"movieIds\":[]}"));
        cases.add(Case.clean(Topic.MODEL_METRICS, "{\"eventId\":\"m\",\"timestamp\":" + T
                + ",\"source\":\"job\",\"version\":3,\"metrics\":{}}"));
        cases.add(Case.clean(Topic.AB_TEST_EVENTS, "{\"eventId\":\"a\",\"timestamp\":" + T
                + ",\"experimentId\":\"exp\",\"variant\":\"B\",\"userId\":1,\"eventType\":\"CONVERSION\",\"value\":-2.5}"));
        // everything else is the canonical validator's business
        for (String body : List.of(
                ",\"interactionType\":\"VIEW\",\"clientVersion\":\"9.1\"",          // extras
                ",\"interactionType\":\"VIEW\",\"interactionType\":\"CLICK\"",      // duplicate key
                ",\"interactionType\":\"RATE\"",                                    // condition
                ",\"interactionType\":\"RATE\",\"rating\":5.0000001",
                ",\"interactionType\":\"RATE\",\"rating\":1e400",
                ",\"interactionType\":\"RATE\",\"rating\":\"4\"",
                ",\"interactionType\":\"PURCHASE\"",
                ",\"interactionType\":\"view\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"../etc\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\".hidden\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"" + "s".repeat(65) + "\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"\u00e9t\u00e9\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"a\\nb\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":{\"a\":1}",
                ",\"interactionType\":\"SEARCH\",\"query\":\"a\\u0000b\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"" + "q".repeat(1025) + "\"",
                ",\"interactionType\":\"VIEW\",\"userId\":-1",
                ",\"interactionType\":null",
                "")) {
            cases.add(Case.any(Topic.USER_INTERACTIONS, interaction(body)));
        }
        for (String json : List.of(
                "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":12345678901234567890,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":7.0,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\" \",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\"e\",\"timestamp\":1000,\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\"e\",\"timestamp\":" + (NOW.toEpochMilli() + 3_600_001L) + ",\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\"e\",\"timestamp\":" + (NOW.toEpochMilli() + 3_600_000L) + ",\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"}",
                "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"} trailing",
                "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":1,\"interactionType\":\"VIEW\"}{}",
                "{\"eventId\":\"e\",\"timestamp\":",
                "[1,2,3]", "null", "   ", "\"text\"", "not json", "{}")) {
            cases.add(Case.any(Topic.USER_INTERACTIONS, json));
        }
        String request = "{\"eventId\":\"q\",\"timestamp\":" + T + ",\"requestId\":\"req-1\",\"userId\":0,\"numItems\":";
        for (String numItems : List.of("0", "1001", "4294967296", "2.0", "true")) {
            cases.add(Case.any(Topic.RECOMMENDATION_REQUESTS, request + numItems + "}"));
        }
        String response = "{\"eventId\":\"r\",\"timestamp\":" + T + ",\"requestId\":\"req-1\",\"userId\":3,"
                + "\"modelName\":\"als\",\"modelVersion\":\"v1\",\"latencyMs\":1,\"success\":";
        for (String rest : List.of("1}", "\"true\"}", "true,\"movieIds\":[1,2.5]}", "true,\"movieIds\":[1,null]}",
                "true,\"movieIds\":[12345678901234567890]}", "true,\"movieIds\":{}}", "true,\"latencyMs\":-1}")) {
            cases.add(Case.any(Topic.RECOMMENDATION_RESPONSES, response + rest));
        }
        String metric = "{\"eventId\":\"m\",\"timestamp\":" + T + ",\"source\":\"job\",\"metrics\":";
        for (String metrics : List.of("{\"a\":1,\"a\":2}", "{\"../x\":1}", "{\"x\":\"1\"}", "{\"x\":1e400}",
                "{\"x\":12345678901234567890}", "[1]", "{\"x\":null}")) {
            cases.add(Case.any(Topic.MODEL_METRICS, metric + metrics + "}"));
        }
        cases.add(Case.any(Topic.USER_INTERACTIONS, (byte[]) null));
        cases.add(Case.any(Topic.USER_INTERACTIONS, new byte[0]));
        cases.add(Case.any(Topic.USER_INTERACTIONS, new byte[2048]));
        cases.add(Case.any(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"caf\u00e9\"")
                .getBytes(StandardCharsets.ISO_8859_1)));
        return cases;
    }

    @Test
    void givenTheCorpus_whenValidatedByBoth_thenTheVerdictsAreEqual_andCleanEventsTakeTheFastPath() {
        for (Case c : corpus()) {
            Validation expected = canonical.validate(c.topic(), c.payload());
            Validation actual = fast.validate(c.topic(), c.payload());

            assertSameVerdict(c, expected, actual);
            if (c.clean()) {
                assertThat(expected).as(c.text()).isInstanceOf(Validation.Valid.class);
                assertThat(fast.tryFastPath(c.topic(), c.payload())).as(c.text()).isNotNull();
            }
        }
    }

    @Test
    void givenRandomlyDamagedEvents_whenValidatedByBoth_thenTheVerdictsAreEqual() {
        Random random = new Random(42);
        List<Case> seeds = corpus();
        byte[] alphabet = "{}[]\":,.-+eE0123456789 nultrsafxRATEVIW\\/\u0000".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 5_000; i++) {
            Case seed = seeds.get(random.nextInt(seeds.size()));
            if (seed.payload() == null || seed.payload().length == 0) {
                continue;
            }
            byte[] damaged = seed.payload().clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                damaged[random.nextInt(damaged.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            Case c = Case.any(seed.topic(), damaged);
            assertSameVerdict(c, canonical.validate(c.topic(), damaged), fast.validate(c.topic(), damaged));
        }
    }

    @Test
    void givenIdentifierCandidates_whenChecked_thenTheHandWrittenCheckAgreesWithThePattern() {
        Pattern pattern = Pattern.compile(Field.SAFE_IDENTIFIER);
        List<String> candidates = new ArrayList<>(List.of("", "a", ".", ".a", "a.", "-a", "_", "a/b", "a\\b", "..",
                "a b", "a\n", "\u00e9", "A-Z_a.z-0.9", "x".repeat(64), "x".repeat(65), "a\u0000", "\u0661"));
        Random random = new Random(7);
        String chars = "aZ09._-/ \u00e9\n";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(70); k > 0; k--) {
                s.append(chars.charAt(random.nextInt(chars.length())));
            }
            candidates.add(s.toString());
        }
        for (String candidate : candidates) {
            assertThat(SafeIdentifier.matches(candidate)).as(candidate).isEqualTo(pattern.matcher(candidate).matches());
        }
    }

    private static void assertSameVerdict(Case c, Validation expected, Validation actual) {
        if (expected instanceof Validation.Valid valid) {
            assertThat(actual).as(c.text()).isInstanceOf(Validation.Valid.class);
            Validation.Valid got = (Validation.Valid) actual;
            assertThat(got.topic()).isEqualTo(valid.topic());
            assertThat(got.eventId()).as(c.text()).isEqualTo(valid.eventId());
            assertThat(got.timestamp()).as(c.text()).isEqualTo(valid.timestamp());
            assertThat(Arrays.deepEquals(got.values(), valid.values()))
                    .as(c.text() + ": " + Arrays.deepToString(got.values()) + " vs " + Arrays.deepToString(valid.values()))
                    .isTrue();
            assertThat(got.extrasJson()).as(c.text()).isEqualTo(valid.extrasJson());
        } else {
            assertThat(actual).as(c.text()).isEqualTo(expected);
        }
    }

    private record Case(Topic topic, byte[] payload, boolean clean) {
        static Case clean(Topic topic, String json) {
            return new Case(topic, json.getBytes(StandardCharsets.UTF_8), true);
        }

        static Case clean(Topic topic, byte[] json) {
            return new Case(topic, json, true);
        }

        static Case any(Topic topic, String json) {
            return new Case(topic, json.getBytes(StandardCharsets.UTF_8), false);
        }

        static Case any(Topic topic, byte[] payload) {
            return new Case(topic, payload, false);
        }

        String text() {
            return payload == null ? "null" : new String(payload, StandardCharsets.UTF_8);
        }
    }
}
