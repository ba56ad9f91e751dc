package dev.palm.packs.files;

import dev.palm.packs.BreakingChange;
import dev.palm.packs.CustomProbeConfig;
import dev.palm.packs.DegradableFeature;
import dev.palm.packs.DegradationLevel;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.NotificationChannel;
import dev.palm.packs.PackError;
import dev.palm.packs.PlatformProfile;
import dev.palm.packs.RecoveryAction;
import dev.palm.packs.Spelling;
import dev.palm.packs.ThresholdApproval;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds {@link Node}s to the contract records by reflection over their components: keys are the
 * components' snake_case names, omitted keys take the record's defaults (from its {@code
 * builder()}), unknown keys, wrong types and out-of-domain values become {@link PackFileProblem}s.
 * Binding continues after a problem (with the default in place) so that one pass reports every
 * problem of a file.
 */
final class RecordBinder {

  /** Returned when a value could not be bound; a problem has been recorded. */
  private static final Object INVALID = new Object();

  /**
   * Fields that list elements must name, because an element without them means nothing (the
   * original required every field of these structs); everything else may be omitted and takes its
   * default.
   */
  private static final Map<Class<?>, Set<String>> REQUIRED =
      Map.of(
          ThresholdApproval.class, Set.of("operation", "threshold_type", "threshold_value"),
          BreakingChange.class, Set.of("version", "description"),
          CustomProbeConfig.class, Set.of("name", "probe_type"),
          RecoveryAction.class, Set.of("name", "action_type"),
          EscalationLevel.class, Set.of("name", "level"),
          NotificationChannel.class, Set.of("name", "channel_type", "endpoint"),
          DegradationLevel.class, Set.of("name", "threshold"),
          DegradableFeature.class, Set.of("name"));

  private final List<PackFileProblem> problems;

  RecordBinder(List<PackFileProblem> problems) {
    this.problems = problems;
  }

  /**
   * Binds {@code node} to a record of {@code type}; empty when a problem made the result
   * meaningless.
   */
  <R extends Record> Optional<R> bindRoot(Node node, Class<R> type) {
    Object value = bindRecord(node, type, "");
    return value == INVALID ? Optional.empty() : Optional.of(type.cast(value));
  }

  private Object bind(Node node, Type type, String path) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == Optional.class) {
        if (node instanceof Node.NullNode) {
          return Optional.empty();
        }
        Object inner = bind(node, args[0], path);
        return inner == INVALID ? INVALID : Optional.of(inner);
      }
      if (raw == List.class) {
        return bindList(node, args[0], path);
      }
      if (raw == Map.class) {
        return bindMap(node, args[1], path);
      }
      throw new IllegalStateException("unsupported type " + type + " at " + path);
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      return text(node, path, "text");
    }
    if (cls == int.class || cls == Integer.class) {
      return unsigned(node, path, Integer.MAX_VALUE);
    }
    if (cls == long.class || cls == Long.class) {
      return unsigned(node, path, Long.MAX_VALUE);
    }
    if (cls == double.class || cls == Double.class) {
      return number(node, path);
    }
    if (cls == boolean.class || cls == Boolean.class) {
      if (node instanceof Node.BoolNode bool) {
        return bool.value();
      }
      return wrongType(node, path, "true or false");
    }
    if (cls == Instant.class) {
      return instant(node, path);
    }
    if (cls == Object.class) {
      return json(node);
    }
    if (cls == PlatformProfile.class) {
      return spelled(
          node,
          path,
          PlatformProfile::parse,
          "mapleverse, finalverse, ibank, development or custom:<name>");
    }
    if (cls.isEnum() && Spelling.class.isAssignableFrom(cls)) {
      return spelled(
          node,
          path,
          text ->
              Arrays.stream(cls.getEnumConstants())
                  .filter(c -> ((Spelling) c).spelling().equals(text))
                  .findFirst(),
          Arrays.stream(cls.getEnumConstants())
              .map(c -> ((Spelling) c).spelling())
              .collect(Collectors.joining(", ")));
    }
    if (cls.isInterface() && Spelling.class.isAssignableFrom(cls)) {
      return spelled(node, path, text -> invokeParse(cls, text), invokeSpellings(cls));
    }
    if (cls.isRecord()) {
      return bindRecord(node, cls, path);
    }
    throw new IllegalStateException("unsupported type " + cls + " at " + path);
  }

  private Object bindRecord(Node node, Class<?> type, String path) {
    if (!(node instanceof Node.MapNode map)) {
      return wrongType(
          node, path, "a mapping of " + sectionName(type) + " fields (key: value lines)");
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = defaultsOf(type, components);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      index.put(snake(components[i].getName()), i);
    }
    boolean invalid = false;
    for (Node.Entry entry : map.entries().values()) {
      String childPath = path.isEmpty() ? entry.key() : path + "." + entry.key();
      Integer position = index.get(entry.key());
      if (position == null) {
        problems.add(
            NodeReader.problem(
                PackError.CONFIG_PARSE,
                childPath,
                entry.keyLocation(),
                "unknown field '"
                    + entry.key()
                    + "'"
                    + suggestion(entry.key(), index.keySet())
                    + "; the fields of "
                    + (path.isEmpty() ? "a pack" : path)
                    + " are: "
                    + String.join(", ", index.keySet())));
        continue;
      }
      Object value = bind(entry.value(), components[position].getGenericType(), childPath);
      if (value == INVALID) {
        invalid = true;
      } else {
        values[position] = value;
      }
    }
    Set<String> requiredFields = new TreeSet<>(REQUIRED.getOrDefault(type, Set.of()));
    for (String required : requiredFields) {
      if (!map.entries().containsKey(required)) {
        problems.add(
            NodeReader.problem(
                PackError.CONFIG_PARSE,
                path.isEmpty() ? required : path + "." + required,
                map.location(),
                "missing required field '"
                    + required
                    + "'; every "
                    + sectionName(type)
                    + " needs "
                    + String.join(", ", requiredFields)));
        invalid = true;
      }
    }
    if (invalid) {
      return INVALID;
    }
    try {
      Constructor<?> constructor =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      // The record's own checks (e.g. a blank custom name) reject the combination.
      problems.add(
          NodeReader.problem(
              PackError.VALIDATION,
              path,
              map.location(),
              String.valueOf(e.getCause().getMessage())));
      return INVALID;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static Object[] defaultsOf(Class<?> type, RecordComponent[] components) {
    try {
      Object builder = type.getMethod("builder").invoke(null);
      Object defaults = builder.getClass().getMethod("build").invoke(builder);
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = components[i].getAccessor().invoke(defaults);
      }
      return values;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " has no usable builder() with build()", e);
    }
  }

  private Object bindList(Node node, Type elementType, String path) {
    if (!(node instanceof Node.ListNode list)) {
      return wrongType(node, path, "a list (write [] for an empty one)");
    }
    List<Object> result = new ArrayList<>();
    boolean invalid = false;
    for (int i = 0; i < list.elements().size(); i++) {
      Object value = bind(list.elements().get(i), elementType, path + "[" + i + "]");
      if (value == INVALID) {
        invalid = true;
      } else {
        result.add(value);
      }
    }
    return invalid ? INVALID : List.copyOf(result);
  }

  private Object bindMap(Node node, Type valueType, String path) {
    if (!(node instanceof Node.MapNode map)) {
      return wrongType(node, path, "a mapping (write {} for an empty one)");
    }
    Map<String, Object> result = new TreeMap<>();
    boolean invalid = false;
    for (Node.Entry entry : map.entries().values()) {
      Object value = bind(entry.value(), valueType, path + "." + entry.key());
      if (value == INVALID) {
        invalid = true;
      } else {
        result.put(entry.key(), value);
      }
    }
    return invalid ? INVALID : Collections.unmodifiableMap(result);
  }

  private Object text(Node node, String path, String what) {
    if (node instanceof Node.TextNode text) {
      return text.text();
    }
    String hint =
        node instanceof Node.IntNode
                || node instanceof Node.FloatNode
                || node instanceof Node.BoolNode
            ? "; put it in quotes, e.g. \"" + scalarText(node) + "\""
            : "";
    return wrongType(node, path, what, hint);
  }

  private Object unsigned(Node node, String path, long max) {
    if (node instanceof Node.IntNode number) {
      BigInteger value = number.value();
      if (value.signum() < 0) {
        problems.add(
            NodeReader.problem(
                PackError.VALIDATION,
                path,
                node.location(),
                "must not be negative (got " + value + "); use 0 or a positive whole number"));
        return INVALID;
      }
      if (value.compareTo(BigInteger.valueOf(max)) > 0) {
        problems.add(
            NodeReader.problem(
                PackError.VALIDATION,
                path,
                node.location(),
                "is too large (got " + value + ", at most " + max + ")"));
        return INVALID;
      }
      return max == Integer.MAX_VALUE ? (Object) value.intValue() : (Object) value.longValue();
    }
    if (node instanceof Node.FloatNode number && number.value() < 0) {
      problems.add(
          NodeReader.problem(
              PackError.VALIDATION,
              path,
              node.location(),
              "must not be negative (got "
                  + number.value()
                  + "); use 0 or a positive whole number"));
      return INVALID;
    }
    return wrongType(
        node,
        path,
        "a whole number (0 or more)",
        node instanceof Node.TextNode t && t.text().trim().matches("-?\\d+")
            ? "; remove the quotes"
            : "");
  }

  private Object number(Node node, String path) {
    if (node instanceof Node.FloatNode number) {
      return number.value();
    }
    if (node instanceof Node.IntNode number) {
      return number.value().doubleValue();
    }
    return wrongType(node, path, "a number, e.g. 0.8");
  }

  private Object instant(Node node, String path) {
    if (!(node instanceof Node.TextNode text)) {
      return wrongType(node, path, "a timestamp such as \"2025-01-01T00:00:00Z\"");
    }
    try {
      return Instant.parse(text.text());
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text.text()).toInstant();
      } catch (DateTimeParseException again) {
        problems.add(
            NodeReader.problem(
                PackError.VALIDATION,
                path,
                node.location(),
                "'"
                    + text.text()
                    + "' is not an ISO-8601 timestamp; write e.g. 2025-01-01T00:00:00Z"));
        return INVALID;
      }
    }
  }

  private Object spelled(
      Node node,
      String path,
      java.util.function.Function<String, Optional<?>> parse,
      String spellings) {
    if (!(node instanceof Node.TextNode text)) {
      return wrongType(node, path, "one of " + spellings);
    }
    Optional<?> value = parse.apply(text.text());
    if (value.isPresent()) {
      return value.get();
    }
    List<String> names =
        Arrays.stream(spellings.split(",| or "))
            .map(String::trim)
            .filter(s -> !s.isEmpty() && !s.contains("<"))
            .toList();
    problems.add(
        NodeReader.problem(
            PackError.VALIDATION,
            path,
            node.location(),
            "unknown value '"
                + text.text()
                + "'"
                + suggestion(text.text(), names)
                + "; use one of "
                + spellings));
    return INVALID;
  }

  private Object wrongType(Node node, String path, String expected) {
    return wrongType(node, path, expected, "");
  }

  private Object wrongType(Node node, String path, String expected, String hint) {
    problems.add(
        NodeReader.problem(
            PackError.CONFIG_PARSE,
            path,
            node.location(),
            "expected " + expected + " but found " + node.describe() + hint));
    return INVALID;
  }

  /** Converts any node to a plain JSON-like value (maps sorted, whole numbers as Long). */
  static Object json(Node node) {
    if (node instanceof Node.MapNode map) {
      Map<String, Object> result = new TreeMap<>();
      map.entries().values().forEach(e -> result.put(e.key(), json(e.value())));
      return Collections.unmodifiableMap(result);
    }
    if (node instanceof Node.ListNode list) {
      List<Object> result = new ArrayList<>();
      list.elements().forEach(e -> result.add(json(e)));
      return Collections.unmodifiableList(result);
    }
    if (node instanceof Node.TextNode text) {
      return text.text();
    }
    if (node instanceof Node.IntNode number) {
      return number.value().bitLength() < 64 ? (Object) number.value().longValue() : number.value();
    }
    if (node instanceof Node.FloatNode number) {
      return number.value();
    }
    if (node instanceof Node.BoolNode bool) {
      return bool.value();
    }
    return null;
  }

  private static String scalarText(Node node) {
    Object value = json(node);
    return String.valueOf(value);
  }

  private static Optional<?> invokeParse(Class<?> type, String text) {
    try {
      Method parse = type.getMethod("parse", String.class);
      return (Optional<?>) parse.invoke(null, text);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " has no static parse(String)", e);
    }
  }

  private static String invokeSpellings(Class<?> type) {
    try {
      return (String) type.getMethod("spellings").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " has no static spellings()", e);
    }
  }

  private static String sectionName(Class<?> type) {
    return type == dev.palm.packs.PlatformPackConfig.class
        ? "pack (metadata, policy, health, state, resources,"
            + " recovery, capabilities, profile, extensions)"
        : type.getSimpleName();
  }

  /** Converts a camelCase component name to its snake_case file name. */
  static String snake(String camel) {
    StringBuilder text = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        text.append('_').append(Character.toLowerCase(c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static String suggestion(String given, java.util.Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> distance(given.toLowerCase(), c.toLowerCase()) <= Math.max(2, c.length() / 3))
        .min(Comparator.comparingInt(c -> distance(given.toLowerCase(), c.toLowerCase())))
        .map(c -> " (did you mean '" + c + "'?)")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
