package lens.ingest.validation;

import java.nio.charset.StandardCharsets;

/**
 * One forward pass over a JSON payload's bytes that reads the clean shape of an event and nothing else: the fast
 * path's tokenizer, in place of Jackson's parser plus a separate UTF-8 scan. Whitespace between tokens is read as
 * JSON allows it; everything unusual throws {@link AskCanonical} instead of being handled: string escapes, control
 * characters, malformed UTF-8 in a string, any non-ASCII byte outside a string value, a leading zero, an integer
 * beyond long, a number longer than {@value #MAX_NUMBER_LENGTH} characters, anything off JSON's grammar, the end of
 * the input too early. Being strict keeps it simple: what it reads, it reads exactly as Jackson does. The caller
 * drives it token by token (it knows which JSON type the contract expects next). One scanner per payload.
 */
final class JsonEventScanner {

    /** Longer numbers are unusual in an event and deferred (Jackson has a cap of its own, 1000 characters). */
    static final int MAX_NUMBER_LENGTH = 64;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Every power of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    /** 19 decimal digits always fit in 64 bits read as unsigned. */
    private static final int MAX_SIGNIFICAND_DIGITS = 19;

    private final byte[] json;
    private int at;
    /** The last key or string value read: its bytes between the quotes, json[tokenStart, tokenEnd). */
    private int tokenStart;
    private int tokenEnd;
    /** Its length as a Java String (UTF-16 chars). */
    private int tokenLength;
    private boolean tokenAscii;
    /** The last number read: an integer's value, or a float's. */
    private long integerValue;
    private double floatValue;

    JsonEventScanner(byte[] json) {
        this.json = json;
    }

    void startObject() {
        expect('{');
    }

    void startArray() {
        expect('[');
    }

    /** Whether another member follows (its separating comma read), false when the object's closing brace was read. */
    boolean hasMember(boolean first) {
        return hasNext(first, '}');
    }

    /** Whether another item follows (its separating comma read), false when the array's closing bracket was read. */
    boolean hasItem(boolean first) {
        return hasNext(first, ']');
    }

    /** Checks that nothing but whitespace follows. */
    void end() {
        skipWhitespace();
        if (at != json.length) {
            throw AskCanonical.INSTANCE;
        }
    }

    /**
     * Reads a member's key and its colon; the key becomes the token. Only plain ASCII keys: a key with any other
     * byte names no field and is no safe identifier, so it would be deferred anyway.
     */
    void key() {
        expect('"');
        keyText();
        expect(':');
    }

    /**
     * Reads a member's key and its colon, and gives the index of the field it names or -1. The field the caller
     * expects is checked first, in place: cheaper than scanning the key and then looking it up.
     */
    int fieldKey(FieldNames names, int expected) {
        expect('"');
        int length = names.keyLengthAt(expected, json, at);
        int index = expected;
        if (length >= 0) {
            token(at, at + length, length, true);
            at += length + 1;
        } else {
            keyText();
            index = names.indexOf(json, tokenStart, tokenEnd);
        }
        expect(':');
        return index;
    }

    private void keyText() {
        int start = at;
        int i = start; // the loops keep the position in a local: a field would be stored and reloaded at every byte
        byte b;
        while ((b = byteAt(i)) != '"') {
            if (b < 0x20 || b == '\\') { // as a signed byte, every non-ASCII byte is below 0x20 too
                throw AskCanonical.INSTANCE;
            }
            i++;
        }
        token(start, i, i - start, true);
        at = i + 1;
    }

    /**
     * Reads a string value, which becomes the token; its UTF-8 is checked on the way. No escapes and no control
     * characters, so it holds no NUL either: its bytes are its text.
     */
    void string() {
        expect('"');
        int start = at;
        int i = start;
        int length = 0;
        boolean ascii = true;
        byte b;
        while ((b = byteAt(i)) != '"') {
            if (b >= 0x20 && b != '\\') {
                i++;
                length++;
            } else if (b < 0) {
                int bytes = utf8SequenceLength(i);
                i += bytes;
                length += bytes == 4 ? 2 : 1; // beyond the BMP: a surrogate pair
                ascii = false;
            } else {
                throw AskCanonical.INSTANCE;
            }
        }
        token(start, i, length, ascii);
        at = i + 1;
    }

    /** Reads {@code null} if it comes next and says so; otherwise reads nothing. */
    boolean nullValue() {
        skipWhitespace();
        if (at < json.length && json[at] == 'n') {
            literal(NULL);
            return true;
        }
        return false;
    }

    boolean bool() {
        skipWhitespace();
        if (at < json.length && json[at] == 't') {
            literal(TRUE);
            return true;
        }
        literal(FALSE);
        return false;
    }

    /** Reads an integer token (no fraction, no exponent) that fits in a long: Jackson holds bigger ones as BigInteger. */
    long integer() {
        if (!number()) {
            throw AskCanonical.INSTANCE;
        }
        return integerValue;
    }

    /** Reads any number as a double: an integer token converts from its long, as the canonical validator's does. */
    double decimal() {
        return number() ? (double) integerValue : floatValue;
    }

    /** The token as a String. */
    String tokenText() {
        return new String(json, tokenStart, tokenEnd - tokenStart,
                tokenAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** The token's length as a String would have it, without making the String. */
    int tokenLength() {
        return tokenLength;
    }

    boolean tokenEquals(byte[] utf8) {
        return spells(utf8, json, tokenStart, tokenEnd);
    }

    boolean tokenIsSafeIdentifier() {
        return SafeIdentifier.matches(json, tokenStart, tokenEnd);
    }

    private boolean hasNext(boolean first, char close) {
        skipWhitespace();
        if (at < json.length && json[at] == close) {
            at++;
            return false;
        }
        if (!first) {
            expect(','); // a trailing comma fails later: no key or value follows it
        }
        return true;
    }

    /**
     * Reads a number in JSON's grammar, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}: true for an integer
     * (in integerValue), false for a float (in floatValue).
     */
    private boolean number() {
        skipWhitespace();
        int start = at;
        boolean negative = skip('-');
        int integerStart = at;
        long significand = digits(0); // the integer and fraction digits, unsigned while there are at most 19
        int integerDigits = at - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && json[integerStart] == '0')) {
            throw AskCanonical.INSTANCE; // no digit, or a leading zero (Jackson rejects those)
        }
        if (at < json.length && (json[at] == '.' || (json[at] | 0x20) == 'e')) {
            floatValue = floatAfterIntegerDigits(start, negative, significand, integerDigits);
            return false;
        }
        if (integerDigits > MAX_SIGNIFICAND_DIGITS
                || Long.compareUnsigned(significand, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
            throw AskCanonical.INSTANCE; // beyond long
        }
        integerValue = negative ? -significand : significand;
        return true;
    }

    /** Reads a float token's fraction and exponent, its sign and integer digits read. */
    private double floatAfterIntegerDigits(int start, boolean negative, long significand, int integerDigits) {
        int fractionDigits = 0;
        if (skip('.')) {
            int fractionStart = at;
            significand = digits(significand);
            fractionDigits = requireDigits(fractionStart);
        }
        int exponent = skip('e') || skip('E') ? exponent() : 0;
        if (at - start > MAX_NUMBER_LENGTH) {
            throw AskCanonical.INSTANCE;
        }
        return integerDigits + fractionDigits <= MAX_SIGNIFICAND_DIGITS
                ? toDouble(start, negative, significand, exponent - fractionDigits)
                : parseDouble(start);
    }

    /**
     * The decimal {@code significand * 10^exponent10} as {@link Double#parseDouble} reads it: the double nearest to
     * it. When the significand and the power of ten are both exact doubles (at most 2^53 and 10^22), IEEE rounds
     * the one multiplication or division to exactly that double (Clinger's fast path): the common short decimals
     * ({@code 4.5}, {@code 12.5}, {@code -2.5}) need no text. Any other decimal is parsed from its text.
     */
    private double toDouble(int start, boolean negative, long significand, int exponent10) {
        if (Long.compareUnsigned(significand, MAX_EXACT_SIGNIFICAND) > 0
                || exponent10 < -22 || exponent10 > 22) {
            return parseDouble(start);
        }
        double magnitude = exponent10 >= 0 ? significand * EXACT_POWERS_OF_TEN[exponent10]
                : significand / EXACT_POWERS_OF_TEN[-exponent10];
        return negative ? -magnitude : magnitude;
    }

    private double parseDouble(int start) {
        return Double.parseDouble(new String(json, start, at - start, StandardCharsets.ISO_8859_1));
    }

    /** Reads a run of digits onto {@code value}; beyond 19 digits in all the value is no longer used. */
    private long digits(long value) {
        int i = at;
        while (i < json.length) {
            int digit = json[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        at = i;
        return value;
    }

    private int requireDigits(int from) {
        if (at == from) {
            throw AskCanonical.INSTANCE;
        }
        return at - from;
    }

    /** Reads an exponent's sign and digits; a huge one saturates (its double is 0 or infinite either way). */
    private int exponent() {
        boolean negative = skip('-');
        if (!negative) {
            skip('+');
        }
        int start = at;
        int i = start;
        int exponent = 0;
        while (i < json.length && json[i] >= '0' && json[i] <= '9') {
            exponent = Math.min(exponent * 10 + (json[i] - '0'), 100_000);
            i++;
        }
        at = i;
        requireDigits(start);
        return negative ? -exponent : exponent;
    }

    /**
     * The length of the UTF-8 sequence starting at {@code from}, which must be well-formed as the JDK's strict
     * decoder (the canonical validator's UTF-8 check) wants it: no stray continuation byte, no overlong form, no
     * surrogate, nothing past U+10FFFF (Unicode's table 3-7).
     */
    private int utf8SequenceLength(int from) {
        int lead = json[from] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            throw AskCanonical.INSTANCE;
        }
        if (lead < 0xE0) {
            continuation(from + 1, 0x80, 0xBF);
            return 2;
        }
        if (lead < 0xF0) {
            continuation(from + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
            continuation(from + 2, 0x80, 0xBF);
            return 3;
        }
        continuation(from + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
        continuation(from + 2, 0x80, 0xBF);
        continuation(from + 3, 0x80, 0xBF);
        return 4;
    }

    private void continuation(int index, int min, int max) {
        int b = byteAt(index) & 0xFF;
        if (b < min || b > max) {
            throw AskCanonical.INSTANCE;
        }
    }

    /**
     * Whether {@code bytes[from, to)} are {@code word}'s. A plain loop: for words of a few bytes, the ranged
     * Arrays.equals (its checks and vectorized mismatch) cost more than the comparison itself.
     */
    static boolean spells(byte[] word, byte[] bytes, int from, int to) {
        if (word.length != to - from) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (word[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void literal(byte[] word) {
        if (json.length - at < word.length || !spells(word, json, at, at + word.length)) {
            throw AskCanonical.INSTANCE;
        }
        at += word.length;
    }

    private void expect(char c) {
        skipWhitespace();
        if (!skip(c)) {
            throw AskCanonical.INSTANCE;
        }
    }

    private boolean skip(char c) {
        if (at < json.length && json[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        int i = at;
        while (i < json.length) {
            byte b = json[i];
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
                break;
            }
            i++;
        }
        at = i;
    }

    /** The byte at {@code index}; the input ending first means a truncated payload. */
    private byte byteAt(int index) {
        if (index >= json.length) {
            throw AskCanonical.INSTANCE;
        }
        return json[index];
    }

    private void token(int start, int end, int length, boolean ascii) {
        tokenStart = start;
        tokenEnd = end;
        tokenLength = length;
        tokenAscii = ascii;
    }
}
