package dev.palm.packs.spec;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Map copying shared by the spec records; sorted so that specs print deterministically. */
final class SpecValues {

  private SpecValues() {}

  static Map<String, String> stringMap(Map<String, String> map, String field) {
    if (map == null) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, field + " key"),
                Objects.requireNonNull(value, () -> field + "." + key + " must not be null")));
    return Collections.unmodifiableMap(copy);
  }
}
