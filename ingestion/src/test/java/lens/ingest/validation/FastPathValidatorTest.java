package lens.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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

/**
 * The fast path must give the canonical validator's verdict for every input: same values, same reasons. Clean
 * events must take the fast path itself; what it deliberately leaves to the canonical validator must reach it.
 */
class FastPathValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long T = Instant.parse("2026-11-29T08:15:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Room for strings at their length limit, even in 4-byte characters. */
    private static final int MAX_PAYLOAD = 8 * 1024;
    private final EventValidator canonical = new EventValidator(CLOCK, Duration.ofHours(1), MAX_PAYLOAD);
    private final FastPathValidator fast = new FastPathValidator(CLOCK, Duration.ofHours(1), MAX_PAYLOAD);

    /** Compact clean events of the richest shapes: every JSON type the contract uses, an explicit null. */
    private static final String RICH_INTERACTION = "{\"eventId\":\"e1\",\"timestamp\":" + T + ",\"userId\":7,"
            + "\"movieId\":42,\"interactionType\":\"RATE\",\"rating\":4.5,\"query\":null,\"sessionId\":\"s-1\"}";
    private static final String RICH_RESPONSE = "{\"eventId\":\"r\",\"timestamp\":" + T + ",\"requestId\":\"req-1\","
            + "\"userId\":3,\"modelName\":\"als\",\"modelVersion\":\"v1\",\"latencyMs\":12.5,\"success\":true,"
            + "\"errorKind\":null,\"movieIds\":[5,9,11],\"experimentId\":\"exp-1\",\"variant\":\"B\"}";
    private static final String RICH_METRIC = "{\"eventId\":\"m\",\"timestamp\":" + T + ",\"source\":\"job\","
            + "\"window\":\"2026-11-29T08:00Z\",\"version\":3,\"metrics\":{\"p50\":11.0,\"n\":5},\"summary\":\"{}\"}";

    private static String interaction(String body) {
        return "{\"eventId\":\"e1\",\"timestamp\":" + T + ",\"userId\":7,\"movieId\":42" + body + "}";
    }

    private static String abEvent(String value) {
        return "{\"eventId\":\"a\",\"timestamp\":" + T + ",\"experimentId\":\"exp\",\"variant\":\"B\",\"userId\":1,"
                + "\"eventType\":\"CONVERSION\",\"value\":" + value + "}";
    }

    private static String response(String movieIds) {
        return "{\"eventId\":\"r\",\"timestamp\":" + T + ",\"requestId\":\"req-1\",\"userId\":3,\"modelName\":\"als\","
                + "\"modelVersion\":\"v1\",\"latencyMs\":1,\"success\":true,\"movieIds\":" + movieIds + "}";
    }

    private static String metric(String version, String metrics) {
        return "{\"eventId\":\"m\",\"timestamp\":" + T + ",\"source\":\"job\",\"version\":" + version
                + ",\"metrics\":" + metrics + "}";
    }

    private static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // clean events of every topic: the fast path must take them itself
        cases.add(Case.clean(Topic.USER_INTERACTIONS, EventJson.encode(TestEvents.view("v-1", T, 7))));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, EventJson.encode(TestEvents.response("r-1", T, 7))));
        cases.add(Case.clean(Topic.MODEL_METRICS, EventJson.encode(TestEvents.metric("m-1", T))));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, RICH_INTERACTION));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, RICH_RESPONSE));
        cases.add(Case.clean(Topic.MODEL_METRICS, RICH_METRIC));
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
        cases.add(Case.clean(Topic.AB_TEST_EVENTS, abEvent("-2.5")));
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
        cases.add(Case.any(Topic.USER_INTERACTIONS, new byte[MAX_PAYLOAD + 1]));
        cases.add(Case.any(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"caf\u00e9\"")
                .getBytes(StandardCharsets.ISO_8859_1)));
        whitespaceEverywhere(cases);
        payloadSizes(cases);
        escapes(cases);
        utf8(cases);
        numbers(cases);
        structure(cases);
        return cases;
    }

    /** Whitespace before and after every token must not cost the fast path; anywhere else it changes the event. */
    private static void whitespaceEverywhere(List<Case> cases) {
        for (Case rich : List.of(Case.clean(Topic.USER_INTERACTIONS, RICH_INTERACTION),
                Case.clean(Topic.RECOMMENDATION_RESPONSES, RICH_RESPONSE), Case.clean(Topic.MODEL_METRICS, RICH_METRIC))) {
            String json = rich.text();
            boolean inString = false;
            for (int i = 0; i <= json.length(); i++) {
                String spaced = json.substring(0, i) + " \t\r\n" + json.substring(i);
                boolean betweenTokens = !inString && (i == 0 || i == json.length()
                        || "{}[]:,".indexOf(json.charAt(i - 1)) >= 0 || "{}[]:,".indexOf(json.charAt(i)) >= 0);
                cases.add(betweenTokens ? Case.clean(rich.topic(), spaced) : Case.any(rich.topic(), spaced));
                if (i < json.length() && json.charAt(i) == '"') {
                    inString = !inString;
                }
            }
            // whitespace JSON does not know
            cases.add(Case.deferred(rich.topic(), "\u00a0" + json));
            cases.add(Case.deferred(rich.topic(), json.replaceFirst(",", "\f,")));
        }
    }

    private static void payloadSizes(List<Case> cases) {
        String event = interaction(",\"interactionType\":\"VIEW\"");
        String padding = " ".repeat(MAX_PAYLOAD - event.length());
        cases.add(Case.clean(Topic.USER_INTERACTIONS, event + padding));
        cases.add(Case.any(Topic.USER_INTERACTIONS, event + padding + " "));
    }

    /** The scanner reads no escape: in a value or in a key, the canonical validator decodes it. */
    private static void escapes(List<Case> cases) {
        for (String body : List.of(
                ",\"interactionType\":\"SEARCH\",\"query\":\"caf\\u00e9\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"say \\\"hi\\\"\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"a\\\\b\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"a\\/b\\t\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"\\ud83d\\ude00\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"\\ud83d\"",
                ",\"interactionType\":\"SEARCH\",\"query\":\"\\x\"",
                ",\"interactionType\":\"VI\\u0045W\"",
                ",\"interactionType\":\"VIEW\",\"sessionId\":\"s\\u002d1\"",
                ",\"interactionType\":\"VIEW\",\"session\\u0049d\":\"s-1\"")) {
            cases.add(Case.deferred(Topic.USER_INTERACTIONS, interaction(body)));
        }
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, "{\"event\\u0049d\":\"e1\",\"timestamp\":" + T
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\"}"));
        cases.add(Case.deferred(Topic.MODEL_METRICS, metric("1", "{\"p\\u0035\":1}")));
        // a raw control character in a string is not JSON; the escaped NUL is the canonical validator's to name
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"a\tb\"")));
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"a\u0000b\"")));
    }

    /** Non-ASCII text is decoded, not deferred; UTF-8 the canonical validator calls NOT_UTF8 is deferred. */
    private static void utf8(List<Case> cases) {
        for (String query : List.of("\u00fc", "\u20ac", "\ud83d\ude00 \u00fcn\u00efc\u00f6d\u00e9 \u2603", "\ud7ff",
                "\ue000", "\uffff", "\udbff\udfff", "\u007f", "\u00e9".repeat(Field.MAX_STRING_LENGTH),
                "\ud83d\ude00".repeat(Field.MAX_STRING_LENGTH / 2))) {
            cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"" + query + "\"")));
        }
        cases.add(Case.clean(Topic.USER_INTERACTIONS, "{\"eventId\":\"\u00e9v\u00e9nement-\u2603\",\"timestamp\":" + T
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\"}"));
        // one char too many, counted as Java counts them (a character beyond the BMP is two)
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\""
                + "\ud83d\ude00".repeat(Field.MAX_STRING_LENGTH / 2) + "x\"")));
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\""
                + "\u00e9".repeat(Field.MAX_STRING_LENGTH + 1) + "\"")));
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, "{\"eventId\":\"e1\",\"timestamp\":" + T
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\",\"sessionId\":\"\u00e9\"}"));
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, "{\"eventId\":\"e1\",\"timestamp\":" + T
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\",\"s\u00e9ssionId\":\"s\"}"));
        cases.add(Case.deferred(Topic.MODEL_METRICS, metric("1", "{\"p\u00e9\":1}")));
        String before = interaction(",\"interactionType\":\"SEARCH\",\"query\":\"a").replace("}", "");
        // stray continuation, overlong forms, surrogates, beyond U+10FFFF, cut short, bytes UTF-8 never uses
        for (String hex : List.of("80", "bf", "c080", "c1bf", "c3", "c328", "e08080", "e09fbf", "eda080", "edbfbf",
                "e298", "e2982f", "f0808080", "f08fbfbf", "f4908080", "f5808080", "f09f98", "fe", "ff",
                "ed9f", "c3a9c3")) {
            byte[] payload = concat(before, HexFormat.of().parseHex(hex), "b\"}");
            cases.add(Case.deferred(Topic.USER_INTERACTIONS, payload));
        }
        // a byte order mark, and non-ASCII outside any string
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, concat("", HexFormat.of().parseHex("efbbbf"), RICH_INTERACTION)));
        cases.add(Case.deferred(Topic.USER_INTERACTIONS, RICH_INTERACTION.replace("\"userId\":7", "\"userId\":\u0667")));
    }

    private static void numbers(List<Case> cases) {
        // LONG: an integer token within long; the contract's own range decides the rest
        cases.add(Case.clean(Topic.USER_INTERACTIONS, userId(Long.toString(Long.MAX_VALUE))));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, userId("0")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, userId("-0")));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, response("[" + Long.MIN_VALUE + "," + Long.MAX_VALUE + ",-0,0]")));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, response("[ 1 , 2 ,3 ]")));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, response("[" + "7,".repeat(40) + "7]")));
        for (String userId : List.of("9223372036854775808", "-9223372036854775809", "10000000000000000000",
                "99999999999999999999", "1" + "0".repeat(30), "01", "00", "-01", "1.", ".5", "-", "+1", "--1", "1e2",
                "1E2", "1.0", "0x10", "1_000", "Infinity", "NaN", "-Infinity", "1e", "true", "\"7\"", "[7]")) {
            cases.add(Case.deferred(Topic.USER_INTERACTIONS, userId(userId)));
        }
        for (String movieIds : List.of("[9223372036854775808]", "[-9223372036854775809]", "[1,]", "[,1]", "[1 2]",
                "[[1]]", "[1", "[01]", "[1e0]", "[-]")) {
            cases.add(Case.deferred(Topic.RECOMMENDATION_RESPONSES, response(movieIds)));
        }
        // INT: an integer token within int
        cases.add(Case.clean(Topic.MODEL_METRICS, metric(Integer.toString(Integer.MAX_VALUE), "{}")));
        for (String version : List.of(Long.toString(Integer.MAX_VALUE + 1L), Long.toString(Integer.MIN_VALUE - 1L),
                Long.toString(Integer.MIN_VALUE), "0", "-0", "1.0", "1e0", Long.toString(Long.MAX_VALUE))) {
            cases.add(Case.deferred(Topic.MODEL_METRICS, metric(version, "{}")));
        }
        // DOUBLE: any number, exactly as Double.parseDouble reads it; an integer token converts from its long
        for (String value : List.of("0", "-0", "0.0", "-0.0", "-0e0", "0.1", "0.30000000000000004", "1e22", "1e23",
                "9007199254740993", "9007199254740993.0", "9007199254740992.5", "123456789012345678", "1E+2", "2.5E-1",
                "1.0e-5", "0.05e1", "1e-400", "-1e-400", "4.9e-324", "2.2250738585072014E-308", "1.7976931348623157e308",
                "0.1000000000000000055511151231257827", "123456789012345678901234567890.5",
                "1e0000000000000000000000000000000000000000000000000000000001",
                "-1.23456789012345678901234567890123456789012345678901234567890e5",
                Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE))) {
            cases.add(Case.clean(Topic.AB_TEST_EVENTS, abEvent(value)));
        }
        for (String value : List.of("1e400", "-1e400", "1.8e308", "9223372036854775808", "-9223372036854775809",
                "1" + "0".repeat(64), "0." + "1".repeat(63), "01", "01.5", "1.", ".5", "-", "-.5", "+1", "1e", "1e+",
                "1.5e", "1.e5", "1..5", "1.5.5", "0x1", "NaN", "Infinity", "\"1\"", "1f", "1d")) {
            cases.add(Case.deferred(Topic.AB_TEST_EVENTS, abEvent(value)));
        }
        for (String rating : List.of("0.5", "5e0", "50e-1", "0.05e1", "0.5000000000000000000001")) {
            cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"RATE\",\"rating\":" + rating)));
        }
        for (String rating : List.of("0.49999999999999999", "5.000000000000001", "0", "-0.5")) {
            cases.add(Case.any(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"RATE\",\"rating\":" + rating)));
        }
        cases.add(Case.clean(Topic.MODEL_METRICS, metric("1", "{\"a\":-0,\"b\":-0.0,\"c\":1e-5,\"d\":" + Long.MAX_VALUE + "}")));
    }

    private static String userId(String userId) {
        return "{\"eventId\":\"e\",\"timestamp\":" + T + ",\"userId\":" + userId + ",\"movieId\":1,\"interactionType\":\"VIEW\"}";
    }

    private static void structure(List<Case> cases) {
        String view = interaction(",\"interactionType\":\"VIEW\"");
        for (String json : List.of(
                view.replace("\"movieId\":42", "\"movieId\":42,\"extra\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"}"),
                view.replace("\"movieId\":42", "\"movieId\":42,\"extra\":[[[]]]"),
                view.replace("\"movieId\":42", "\"movieId\":42,\"sessionId\":null,\"sessionId\":\"s\""),
                view.replace("\"movieId\":42", "\"movieId\":42,\"movieId\":42"),
                view.replace("}", ",}"), view.replace("{", "{,"), view.replace(":42,", ":42,,"),
                view.replace("\"movieId\":", "\"movieId\" 42"), view.replace("\"movieId\":42", "\"movieId\"::42"),
                view.replace("\"movieId\":42", "'movieId':42"), view.replace("\"movieId\":42", "movieId:42"),
                view.replace(",\"movieId\"", " /* c */ ,\"movieId\""), view.replace("\"VIEW\"", "'VIEW'"),
                view.replace("\"VIEW\"", "\"VIEW"), view + "}", view + ",", view + "\u0000",
                "[" + view + "]", "{" + view + "}", "{\"\":1}", "{\"eventId\":\"e1\"}", "{\"eventId\":\"e1\"",
                "{\"eventId\":\"e1\"]", "{", "}", " ", "{\"eventId\"")) {
            cases.add(Case.deferred(Topic.USER_INTERACTIONS, json));
        }
        String response = response("[1]");
        for (String success : List.of("tru", "True", "truee", "t", "fals", "nul", "nulll", "NULL", "null1")) {
            cases.add(Case.deferred(Topic.RECOMMENDATION_RESPONSES, response.replace("\"success\":true", "\"success\":" + success)));
        }
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, response.replace("\"success\":true", "\"success\":false")));
        cases.add(Case.deferred(Topic.RECOMMENDATION_RESPONSES, response.replace("\"success\":true", "\"success\":null")));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, response.replace("[1]", "null")));
        cases.add(Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"VIEW\",\"rating\":null,"
                + "\"query\":null,\"sessionId\":null,\"requestId\":null")));
        for (String metrics : List.of("{\"a\":1,}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\":}", "{\"a\":[1]}",
                "{\"a\":{\"b\":1}}", "{\"a\":true}", "{\"\":1}", "{\"a\":1", "{\"" + "k".repeat(65) + "\":1}")) {
            cases.add(Case.deferred(Topic.MODEL_METRICS, metric("1", metrics)));
        }
        cases.add(Case.clean(Topic.MODEL_METRICS, metric("1", "{\"" + "k".repeat(64) + "\":1,\"K\":2}")));
        // any order of the fields is clean, not only the contract's
        cases.add(Case.clean(Topic.USER_INTERACTIONS, "{\"sessionId\":\"s-1\",\"rating\":4.5,\"interactionType\":\"RATE\","
                + "\"movieId\":42,\"userId\":7,\"timestamp\":" + T + ",\"eventId\":\"e1\"}"));
        cases.add(Case.clean(Topic.RECOMMENDATION_RESPONSES, "{\"movieIds\":[1],\"success\":true,\"latencyMs\":1,"
                + "\"modelVersion\":\"v1\",\"modelName\":\"als\",\"userId\":3,\"requestId\":\"req-1\",\"eventId\":\"r\","
                + "\"timestamp\":" + T + "}"));
        // keys that start like, or stop short of, the field expected next
        for (String key : List.of("eventIdx", "event", "eventI", "eventId ", "EventId", "userId")) {
            cases.add(Case.deferred(Topic.USER_INTERACTIONS, "{\"" + key + "\":\"e1\",\"timestamp\":" + T
                    + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\"}"));
        }
    }

    @Test
    void givenTheCorpus_whenValidatedByBoth_thenTheVerdictsAreEqual_andCleanEventsTakeTheFastPath() {
        corpus().forEach(this::assertJudgedAlike);
    }

    /** Both validators give the same verdict; a clean case is valid and the fast path's own, a deferred one is not. */
    private void assertJudgedAlike(Case c) {
        Validation expected = canonical.validate(c.topic(), c.payload());
        Validation actual = fast.validate(c.topic(), c.payload());

        assertSameVerdict(c, expected, actual);
        if (c.kind() == Kind.CLEAN) {
            assertThat(expected).as(c.text()).isInstanceOf(Validation.Valid.class);
            assertThat(fast.tryFastPath(c.topic(), c.payload())).as(c.text()).isNotNull();
        } else if (c.kind() == Kind.DEFERRED) {
            assertThat(fast.tryFastPath(c.topic(), c.payload())).as(c.text()).isNull();
        }
    }

    @Test
    void givenBlankEventIds_whenValidatedByBoth_thenTheVerdictsAreEqual_andOnlyNonBlankOnesTakeTheFastPath() {
        // Unicode's spaces count as blank, as String.isBlank has it; U+00A0 (no-break space) does not
        for (String blank : List.of(" ", "   ", "\u3000", " \u2003", "\u2028")) {
            assertJudgedAlike(Case.deferred(Topic.USER_INTERACTIONS, eventWithId(blank)));
        }
        assertJudgedAlike(Case.clean(Topic.USER_INTERACTIONS, eventWithId("\u00a0")));
        assertJudgedAlike(Case.clean(Topic.USER_INTERACTIONS, eventWithId(" \u3000x")));
    }

    private static String eventWithId(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"timestamp\":" + T
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\"}";
    }

    @Test
    void givenCleanEventsCutShortAtEveryByte_whenValidated_thenTheFastPathNeverAcceptsThem() {
        for (Case clean : List.of(Case.clean(Topic.USER_INTERACTIONS, RICH_INTERACTION),
                Case.clean(Topic.RECOMMENDATION_RESPONSES, RICH_RESPONSE), Case.clean(Topic.MODEL_METRICS, RICH_METRIC),
                Case.clean(Topic.AB_TEST_EVENTS, abEvent("-2.5e-3")),
                Case.clean(Topic.USER_INTERACTIONS, interaction(",\"interactionType\":\"SEARCH\",\"query\":\"\ud83d\ude00\u00e9\"")))) {
            for (int length = 1; length < clean.payload().length; length++) {
                Case truncated = Case.deferred(clean.topic(), Arrays.copyOf(clean.payload(), length));

                assertThat(fast.tryFastPath(truncated.topic(), truncated.payload())).as(truncated.text()).isNull();
                assertSameVerdict(truncated, canonical.validate(truncated.topic(), truncated.payload()),
                        fast.validate(truncated.topic(), truncated.payload()));
            }
        }
    }

    @Test
    void givenRandomlyDamagedEvents_whenValidatedByBoth_thenTheVerdictsAreEqual() {
        Random random = new Random(42);
        int decidedByTheFastPath = 0;
        List<Case> seeds = corpus().stream().filter(c -> c.payload() != null && c.payload().length > 0).toList();
        byte[] alphabet = "{}[]\":,.-+eE0123456789 \t\nnultrsafxRATEVIW\\/\u0000\u00c3\u00a9\u00e2\u0080\u00ed\u00a0\u00f4\u00ff"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 10_000; i++) {
            Case seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bytes = seed.payload();
            for (int k = 1 + random.nextInt(3); k > 0 && bytes.length > 0; k--) {
                int at = random.nextInt(bytes.length);
                byte b = alphabet[random.nextInt(alphabet.length)];
                bytes = switch (random.nextInt(3)) {
                    case 0 -> replace(bytes, at, b);
                    case 1 -> insert(bytes, at, b);
                    default -> delete(bytes, at);
                };
            }
            Case c = Case.any(seed.topic(), bytes);
            assertSameVerdict(c, canonical.validate(c.topic(), bytes), fast.validate(c.topic(), bytes));
            if (fast.tryFastPath(c.topic(), bytes) != null) {
                decidedByTheFastPath++;
            }
        }
        // only what the fast path accepts itself compares two implementations: enough damaged events must reach it
        // (124 of the 10,000 with this seed; a fast path that deferred everything would pass the loop above)
        assertThat(decidedByTheFastPath).isGreaterThanOrEqualTo(100);
    }

    @Test
    void givenANowReadBeforeTheBatch_whenAnEventIsNearTheFutureBound_thenTheFastPathDefersAndTheVerdictStands() {
        long staleNow = NOW.toEpochMilli() - 60_000; // read a minute before the clock's now
        long nearBound = NOW.toEpochMilli() + Duration.ofHours(1).toMillis() - 1_000; // fine now, too far for staleNow
        byte[] event = TestEvents.utf8("{\"eventId\":\"e1\",\"timestamp\":" + nearBound
                + ",\"userId\":7,\"movieId\":42,\"interactionType\":\"VIEW\"}");

        Validation verdict = fast.validate(Topic.USER_INTERACTIONS, event, staleNow);

        assertThat(fast.tryFastPath(Topic.USER_INTERACTIONS, event, staleNow)).isNull();
        assertThat(verdict).isInstanceOf(Validation.Valid.class);
        assertSameVerdict(Case.clean(Topic.USER_INTERACTIONS, new String(event, StandardCharsets.UTF_8)),
                canonical.validate(Topic.USER_INTERACTIONS, event), verdict);
        assertThat(fast.tryFastPath(Topic.USER_INTERACTIONS, event, fast.now())).isNotNull();
    }

    @Test
    void givenIdentifierCandidates_whenChecked_thenTheHandWrittenCheckAgreesWithThePattern() {
        Pattern pattern = Pattern.compile(Field.SAFE_IDENTIFIER);
        List<String> candidates = new ArrayList<>(List.of("", "a", ".", ".a", "a.", "-a", "_", "a/b", "a\\b", "..",
                "a b", "a\n", "\u00e9", "A-Z_a.z-0.9", "x".repeat(64), "x".repeat(65), "a\u0000", "\u0661",
                "\u00e9".repeat(32), "a\u007f", "`", "{", "@", "[", ":"));
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
            byte[] utf8 = ("<" + candidate + ">").getBytes(StandardCharsets.UTF_8);
            assertThat(SafeIdentifier.matches(utf8, 1, utf8.length - 1)).as(candidate)
                    .isEqualTo(pattern.matcher(candidate).matches());
        }
    }

    private static byte[] replace(byte[] bytes, int at, byte b) {
        byte[] copy = bytes.clone();
        copy[at] = b;
        return copy;
    }

    private static byte[] insert(byte[] bytes, int at, byte b) {
        byte[] copy = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, copy, 0, at);
        copy[at] = b;
        System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
        return copy;
    }

    private static byte[] delete(byte[] bytes, int at) {
        byte[] copy = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, copy, 0, at);
        System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
        return copy;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
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

    /** Clean: the fast path must take it. Deferred: it must leave it to the canonical validator. Any: either. */
    private enum Kind { CLEAN, DEFERRED, ANY }

    private record Case(Topic topic, byte[] payload, Kind kind) {
        static Case clean(Topic topic, String json) {
            return new Case(topic, json.getBytes(StandardCharsets.UTF_8), Kind.CLEAN);
        }

        static Case clean(Topic topic, byte[] json) {
            return new Case(topic, json, Kind.CLEAN);
        }

        static Case deferred(Topic topic, String json) {
            return new Case(topic, json.getBytes(StandardCharsets.UTF_8), Kind.DEFERRED);
        }

        static Case deferred(Topic topic, byte[] payload) {
            return new Case(topic, payload, Kind.DEFERRED);
        }

        static Case any(Topic topic, String json) {
            return new Case(topic, json.getBytes(StandardCharsets.UTF_8), Kind.ANY);
        }

        static Case any(Topic topic, byte[] payload) {
            return new Case(topic, payload, Kind.ANY);
        }

        String text() {
            return payload == null ? "null" : new String(payload, StandardCharsets.UTF_8);
        }
    }
}
