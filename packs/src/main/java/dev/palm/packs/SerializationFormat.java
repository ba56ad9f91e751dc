package dev.palm.packs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Encoding of persisted state; written {@code bincode|messagepack|cbor|json} (default {@code BINCODE}). */
public enum SerializationFormat implements Spelling {
    /** Written {@code bincode}. */
    BINCODE("bincode"),
    /** Written {@code messagepack}. */
    MESSAGE_PACK("messagepack"),
    /** Written {@code cbor}. */
    CBOR("cbor"),
    /** Written {@code json}. */
    JSON("json");

    private final String spelling;

    SerializationFormat(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String spelling() {
        return spelling;
    }

    /** Finds the constant written {@code text} in a pack file; also accepts the Java constant name. */
    public static Optional<SerializationFormat> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (SerializationFormat value : values()) {
            if (value.spelling.equals(text) || value.name().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Lists the file spellings, for error messages. */
    public static String spellings() {
        return Arrays.stream(values()).map(SerializationFormat::spelling).collect(Collectors.joining(", "));
    }
}
