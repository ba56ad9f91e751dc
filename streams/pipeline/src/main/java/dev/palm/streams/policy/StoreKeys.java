package dev.palm.streams.policy;

/**
 * Keys of the policy stores: {@code <pack>/<id>} for per-item stores, the bare pack name for
 * per-pack stores. Pack names cannot contain {@code /} (they are part of topic names), so a pack's
 * items form one key prefix.
 */
public final class StoreKeys {

  private StoreKeys() {}

  /** The key of item {@code id} of {@code pack}. */
  public static String of(String pack, String id) {
    return pack + "/" + id;
  }

  /** The prefix shared by all item keys of {@code pack}, for prefix scans. */
  public static String prefix(String pack) {
    return pack + "/";
  }

  /** The pack of an item key. */
  public static String packOf(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }

  /**
   * The key of one entry of an append-only index under {@code key} (e.g. one audit sequence of a
   * deployment): {@code key}, a NUL, then the sequence as 19 zero-padded digits, so that a prefix
   * scan of {@link #indexPrefix} returns the entries in sequence order and each entry is written
   * once, whatever the history's length.
   */
  public static String indexed(String key, long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("index sequence must not be negative: " + sequence);
    }
    // Hand-padded: String.format parses its pattern and looks up locale symbols on every call,
    // and this runs for every audit record (docs/benchmarks.md).
    String digits = Long.toString(sequence);
    StringBuilder out = new StringBuilder(key.length() + 20).append(key).append('\u0000');
    for (int i = digits.length(); i < 19; i++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }

  /** The prefix of the index entries under {@code key}, for prefix scans. */
  public static String indexPrefix(String key) {
    return key + "\u0000";
  }
}
