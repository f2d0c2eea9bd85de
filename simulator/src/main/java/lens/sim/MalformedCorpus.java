package lens.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import lens.events.Topic;

/**
 * Bad messages of every kind the ingester must dead-letter: not JSON, truncated JSON, wrong types, missing
 * fields, unknown event types, null and empty payloads, oversize payloads, timestamps far in the future or
 * before 2000, non-UTF-8 bytes and values that would escape a lake path.
 */
public final class MalformedCorpus {

    private MalformedCorpus() {
    }

    /** The corpus entries, in a fixed order; {@link #pick} draws from them. */
    public static List<byte[]> all(Topic topic, long timestamp) {
        String ts = Long.toString(timestamp);
        String good = goodLooking(topic, ts);
        return List.of(
                bytes("this is not json"),
                bytes(good.substring(0, good.length() / 2)),
                bytes(good.replaceFirst("\"timestamp\":" + ts, "\"timestamp\":\"" + ts + "\"")),
                bytes(good.replaceFirst("\"eventId\":\"[^\"]*\",", "")),
                bytes(topic == Topic.AB_TEST_EVENTS ? good.replace("ASSIGNMENT", "PURCHASE")
                        : topic == Topic.USER_INTERACTIONS ? good.replace("VIEW", "TELEPORT")
                        : good.replaceFirst("\"timestamp\":" + ts + ",", "")),
                new byte[0],
                bytes("{\"eventId\":\"huge\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}"),
                bytes(good.replace(ts, "4102444800000")),
                bytes(good.replace(ts, "946684799000")),
                latin1(good.replace("\"eventId\":\"", "\"eventId\":\"caf\u00e9-")),
                bytes(pathEscape(topic, ts)),
                bytes("[1,2,3]"));
    }

    public static byte[] pick(Topic topic, long timestamp, SplittableRandom random) {
        List<byte[]> corpus = all(topic, timestamp);
        // one in (corpus + 1) is a tombstone: a null payload cannot live in the list
        int index = random.nextInt(corpus.size() + 1);
        return index == corpus.size() ? null : corpus.get(index);
    }

    private static String goodLooking(Topic topic, String ts) {
        return switch (topic) {
            case USER_INTERACTIONS -> "{\"eventId\":\"bad\",\"timestamp\":" + ts
                    + ",\"userId\":1,\"movieId\":2,\"interactionType\":\"VIEW\"}";
            case RECOMMENDATION_REQUESTS -> "{\"eventId\":\"bad\",\"timestamp\":" + ts
                    + ",\"requestId\":\"r\",\"userId\":1,\"numItems\":10}";
            case RECOMMENDATION_RESPONSES -> "{\"eventId\":\"bad\",\"timestamp\":" + ts
                    + ",\"requestId\":\"r\",\"userId\":1,\"modelName\":\"als\",\"modelVersion\":\"v1\","
                    + "\"latencyMs\":12.5,\"success\":true}";
            case MODEL_METRICS -> "{\"eventId\":\"bad\",\"timestamp\":" + ts
                    + ",\"source\":\"serving\",\"metrics\":{\"p99\":1.0}}";
            case AB_TEST_EVENTS -> "{\"eventId\":\"bad\",\"timestamp\":" + ts
                    + ",\"experimentId\":\"e\",\"variant\":\"control\",\"userId\":1,\"eventType\":\"ASSIGNMENT\"}";
        };
    }

    private static String pathEscape(Topic topic, String ts) {
        return switch (topic) {
            case USER_INTERACTIONS -> goodLooking(topic, ts).replace("}", ",\"sessionId\":\"../../etc/passwd\"}");
            case RECOMMENDATION_REQUESTS, RECOMMENDATION_RESPONSES ->
                    goodLooking(topic, ts).replace("\"requestId\":\"r\"", "\"requestId\":\"a/../../b\"");
            case MODEL_METRICS -> goodLooking(topic, ts).replace("\"serving\"", "\"../serving\"");
            case AB_TEST_EVENTS -> goodLooking(topic, ts).replace("\"control\"", "\"con\\u0000trol\"");
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
