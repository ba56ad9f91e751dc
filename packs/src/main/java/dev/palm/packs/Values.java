package dev.palm.packs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Normalisation helpers shared by the contract records' compact constructors.
 *
 * <p>Maps are copied into sorted, unmodifiable maps (rather than {@code Map.copyOf}) so that a pack
 * prints the same way on every run and JSON-like values may hold {@code null}; integral JSON
 * numbers become {@code Long} and fractional ones {@code Double}, so a value written in Java and
 * the same value read from a file are equal.
 */
final class Values {

  private Values() {}

  static <T> List<T> list(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (T element : list) {
      Objects.requireNonNull(element, () -> field + " must not contain null elements");
    }
    return List.copyOf(list);
  }

  static Map<String, String> stringMap(Map<String, String> map, String field) {
    if (map == null) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, () -> field + " must not contain a null key");
          Objects.requireNonNull(value, () -> field + "." + key + " must not be null");
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonMap(Map<String, Object> map, String field) {
    if (map == null) {
      return Map.of();
    }
    return (Map<String, Object>) json(map, field);
  }

  /**
   * Deep-copies a JSON-like value (Map with String keys, List, String, Number, Boolean or null)
   * immutably.
   */
  static Object json(Object value, String field) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return jsonNumber(number);
    }
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> copy = new TreeMap<>();
      map.forEach(
          (key, element) -> {
            if (!(key instanceof String name)) {
              throw new IllegalArgumentException(
                  field + " has a non-string key " + key + "; JSON objects need string keys");
            }
            copy.put(name, json(element, field + "." + name));
          });
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(json(list.get(i), field + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        field
            + " holds a "
            + value.getClass().getName()
            + "; use only maps, lists, strings, numbers, booleans or null (JSON values)");
  }

  private static Object jsonNumber(Number number) {
    if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    return number.doubleValue();
  }

  static void unsigned(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative (got " + value + ")");
    }
  }

  static <N extends Number> Optional<N> unsignedOptional(Optional<N> value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    value.ifPresent(number -> unsigned(number.longValue(), field));
    return value;
  }
}
