package dev.palm.packs;

import java.util.Optional;

/**
 * Encoding of persisted state; written {@code bincode|messagepack|cbor|json} (default {@code
 * BINCODE}).
 */
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

  /**
   * Finds the constant written {@code text} in a pack file; also accepts the Java constant name.
   */
  public static Optional<SerializationFormat> parse(String text) {
    return OpenEnumSpelling.standard(text, values());
  }

  /** Lists the file spellings, for error messages. */
  public static String spellings() {
    return OpenEnumSpelling.standardSpellings(values());
  }
}
