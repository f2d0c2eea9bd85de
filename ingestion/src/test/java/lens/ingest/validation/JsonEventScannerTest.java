package lens.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanner reads exactly what Jackson would and gives up on the rest. */
class JsonEventScannerTest {

    @Test
    void givenRandomDecimals_whenReadAsDoubles_thenEachIsWhatDoubleParseDoubleGives() {
        Random random = new Random(11);
        List<String> decimals = new ArrayList<>(List.of("0.1", "0.2", "0.3", "4.5", "12.5", "-2.5", "1e22", "1e23",
                "9007199254740992.0", "9007199254740993.0", "9007199254740993e-1", "8.98846567431158e307",
                "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "2.4e-324", "1e-22", "3e-23", "0.0",
                "-0.0", "123456789012345678.9", "1234567890123456789e-19", "0.000001", "1.7976931348623157e308"));
        for (int i = 0; i < 50_000; i++) {
            decimals.add(randomDecimal(random));
        }
        for (String decimal : decimals) {
            assertThat(scan(decimal).decimal()).as(decimal).isEqualTo(Double.parseDouble(decimal));
        }
    }

    @Test
    void givenIntegers_whenReadAsDoubles_thenEachConvertsFromItsLong() {
        for (long value : new long[] {0, 1, -1, 9007199254740993L, Long.MAX_VALUE, Long.MIN_VALUE, 123456789012345678L}) {
            assertThat(scan(Long.toString(value)).decimal()).isEqualTo((double) value);
        }
        assertThat(scan("-0").decimal()).isEqualTo(0.0); // an integer zero has no sign, as in Jackson
    }

    @Test
    void givenIntegersAtTheEdgesOfLong_whenRead_thenThoseWithinAreExact_andThoseBeyondAreDeferred() {
        assertThat(scan("9223372036854775807").integer()).isEqualTo(Long.MAX_VALUE);
        assertThat(scan("-9223372036854775808").integer()).isEqualTo(Long.MIN_VALUE);
        assertThat(scan("999999999999999999").integer()).isEqualTo(999_999_999_999_999_999L);
        assertThat(scan("-0").integer()).isZero();
        for (String beyond : List.of("9223372036854775808", "-9223372036854775809", "9999999999999999999",
                "18446744073709551616", "100000000000000000000")) {
            assertThatThrownBy(() -> scan(beyond).integer()).as(beyond).isSameAs(AskCanonical.INSTANCE);
        }
    }

    @Test
    void givenFloatTokens_whenReadAsIntegers_thenTheyAreDeferred() {
        for (String number : List.of("1.0", "1e0", "1E2", "-0.0", "5e-1")) {
            assertThatThrownBy(() -> scan(number).integer()).as(number).isSameAs(AskCanonical.INSTANCE);
        }
    }

    @Test
    void givenNumbersOffJsonsGrammar_whenRead_thenTheyAreDeferred() {
        for (String number : List.of("", "-", "+1", "--1", "01", "-01", "00", "1.", ".5", "-.5", "1.e5", "1e", "1e+",
                "1E-", "1.5e", "0x1", "NaN", "Infinity", "-Infinity", "1" + "0".repeat(JsonEventScanner.MAX_NUMBER_LENGTH),
                "0." + "1".repeat(JsonEventScanner.MAX_NUMBER_LENGTH - 1), "1.5.5", "1e5e5", "1-1", "- 1")) {
            assertThatThrownBy(() -> readWhole(number)).as(number).isSameAs(AskCanonical.INSTANCE);
        }
    }

    @Test
    void givenHugeExponents_whenRead_thenTheyGiveWhatDoubleParseDoubleGives() {
        for (String decimal : List.of("1e99999999999", "1e-99999999999", "-1e400", "1e-400", "0e99999")) {
            assertThat(scan(decimal).decimal()).as(decimal).isEqualTo(Double.parseDouble(decimal));
        }
    }

    @Test
    void givenEveryShortByteSequenceInAString_whenRead_thenItIsAcceptedExactlyWhenTheJdkDecodesIt_asTheSameText() {
        List<byte[]> sequences = new ArrayList<>();
        for (int first = 0x80; first <= 0xFF; first++) {
            for (int second = 0; second <= 0xFF; second++) {
                sequences.add(new byte[] {(byte) first, (byte) second});
                for (int third : new int[] {0x7F, 0x80, 0xBF, 0xC0}) {
                    sequences.add(new byte[] {(byte) first, (byte) second, (byte) third});
                    for (int fourth : new int[] {0x41, 0x80, 0xBF, 0xC0}) {
                        sequences.add(new byte[] {(byte) first, (byte) second, (byte) third, (byte) fourth});
                    }
                }
            }
        }
        List<String> disagreements = new ArrayList<>();
        for (byte[] sequence : sequences) {
            if (containsQuoteOrBackslashOrControl(sequence)) {
                continue;
            }
            String expected = strictUtf8(sequence);
            String actual = readString(quoted(sequence));
            if (expected == null ? actual != null : !expected.equals(actual)) {
                disagreements.add(hex(sequence) + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void givenStringsOfEveryLengthUpTo26_withAnEscapeAControlOrAWideCharacterAnywhere_thenEachIsReadOrDeferredAsJacksonWould() {
        for (int length = 0; length <= 26; length++) {
            String plain = "abcdefghijklmnopqrstuvwxyz".substring(0, length);
            assertThat(readString(withTail(plain))).as(plain).isEqualTo(plain);
            for (int at = 0; at <= length; at++) { // up to right before the closing quote
                for (String odd : List.of("\\n", "\t", "\u0000", "\u00e9", "\u20ac", "\ud83d\ude00", "\u007f")) {
                    String text = plain.substring(0, at) + odd + plain.substring(at);
                    boolean deferred = odd.startsWith("\\") || odd.charAt(0) < 0x20;
                    assertThat(readString(withTail(text))).as(text).isEqualTo(deferred ? null : text);
                }
            }
        }
        assertThat(readString("\"abcdefghij".getBytes(StandardCharsets.UTF_8))).as("unterminated").isNull();
    }

    @Test
    void givenEscapesOrControlCharactersInAString_whenRead_thenTheyAreDeferred() {
        for (String string : List.of("\"a\\nb\"", "\"\\u0041\"", "\"\\\"\"", "\"a\tb\"", "\"a\u0000b\"", "\"a\u001fb\"",
                "\"unterminated", "\"")) {
            JsonEventScanner scanner = scan(string);
            assertThatThrownBy(scanner::string).as(string).isSameAs(AskCanonical.INSTANCE);
        }
    }

    @Test
    void givenKeysWithAnythingButPlainAscii_whenRead_thenTheyAreDeferred() {
        for (String key : List.of("\"k\\u0041\":1", "\"k\u00e9\":1", "\"k\tx\":1", "\"k\" 1", "\"k\"", "k:1", "'k':1")) {
            JsonEventScanner scanner = scan(key);
            assertThatThrownBy(scanner::key).as(key).isSameAs(AskCanonical.INSTANCE);
        }
        JsonEventScanner scanner = scan(" \"k-1\" \t: 1");
        scanner.key();
        assertThat(scanner.tokenText()).isEqualTo("k-1");
        assertThat(scanner.integer()).isEqualTo(1);
    }

    @Test
    void givenLiterals_whenRead_thenOnlyTheExactWordsCount() {
        assertThat(scan(" true").bool()).isTrue();
        assertThat(scan("false").bool()).isFalse();
        assertThat(scan("null").nullValue()).isTrue();
        assertThat(scan("0").nullValue()).isFalse();
        for (String word : List.of("tru", "True", "fals", "t", "", "1")) {
            assertThatThrownBy(() -> scan(word).bool()).as(word).isSameAs(AskCanonical.INSTANCE);
        }
        for (String word : List.of("nul", "nUll", "n")) {
            assertThatThrownBy(() -> scan(word).nullValue()).as(word).isSameAs(AskCanonical.INSTANCE);
        }
    }

    @Test
    void givenAnEventWithWhitespaceAroundEveryToken_whenScanned_thenItIsReadToItsEnd() {
        JsonEventScanner scanner = scan(" \n{ \"a\" : [ 1 , -2 ] ,\r\n\t\"b\" : { } } \n");
        scanner.startObject();
        assertThat(scanner.hasMember(true)).isTrue();
        scanner.key();
        scanner.startArray();
        assertThat(scanner.hasItem(true)).isTrue();
        assertThat(scanner.integer()).isEqualTo(1);
        assertThat(scanner.hasItem(false)).isTrue();
        assertThat(scanner.integer()).isEqualTo(-2);
        assertThat(scanner.hasItem(false)).isFalse();
        assertThat(scanner.hasMember(false)).isTrue();
        scanner.key();
        scanner.startObject();
        assertThat(scanner.hasMember(true)).isFalse();
        assertThat(scanner.hasMember(false)).isFalse();
        scanner.end();
    }

    @Test
    void givenContentAfterTheEvent_whenTheEndIsChecked_thenItIsDeferred() {
        for (String json : List.of("{} x", "{}{}", "{},", "{}\u0000", "{}\u00a0")) {
            JsonEventScanner scanner = scan(json);
            scanner.startObject();
            scanner.hasMember(true);
            assertThatThrownBy(scanner::end).as(json).isSameAs(AskCanonical.INSTANCE);
        }
    }

    private static String randomDecimal(Random random) {
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append('-');
        }
        int integerDigits = 1 + random.nextInt(random.nextBoolean() ? 3 : 20);
        s.append(integerDigits == 1 ? random.nextInt(10) : 1 + random.nextInt(9));
        for (int i = 1; i < integerDigits; i++) {
            s.append(random.nextInt(10));
        }
        boolean fraction = random.nextInt(4) > 0;
        if (fraction) {
            s.append('.');
            for (int i = 1 + random.nextInt(random.nextBoolean() ? 4 : 20); i > 0; i--) {
                s.append(random.nextInt(10));
            }
        }
        if (!fraction || random.nextInt(3) == 0) {
            s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "");
            s.append(random.nextInt(random.nextBoolean() ? 30 : 330));
        }
        return s.toString();
    }

    /** The string's text, with its length checked against the scanner's count; null when the scanner defers it. */
    private static String readString(byte[] json) {
        JsonEventScanner scanner = new JsonEventScanner(json);
        try {
            scanner.string();
        } catch (AskCanonical deferred) {
            return null;
        }
        String text = scanner.tokenText();
        return text.length() == scanner.tokenLength() ? text : "length " + scanner.tokenLength() + " for " + text;
    }

    /** A number as the only token: what follows it counts too. */
    private static double readWhole(String json) {
        JsonEventScanner scanner = scan(json);
        double value = scanner.decimal();
        scanner.end();
        return value;
    }

    private static JsonEventScanner scan(String json) {
        return new JsonEventScanner(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] quoted(byte[] sequence) {
        byte[] json = new byte[sequence.length + 2];
        json[0] = '"';
        System.arraycopy(sequence, 0, json, 1, sequence.length);
        json[json.length - 1] = '"';
        return json;
    }

    /** A quoted string followed by more of an event, as it stands in a payload. */
    private static byte[] withTail(String text) {
        return ("\"" + text + "\",\"userId\":12345678,\"movieId\":1}").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean containsQuoteOrBackslashOrControl(byte[] sequence) {
        for (byte b : sequence) {
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDK's strict decoding, as the canonical validator's UTF-8 check does it, or null when malformed. Coder
     * results rather than exceptions: hundreds of thousands of sequences are malformed.
     */
    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        boolean malformed = decoder.decode(ByteBuffer.wrap(bytes), chars, true).isError()
                || decoder.flush(chars).isError();
        return malformed ? null : chars.flip().toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }
}
