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
}
