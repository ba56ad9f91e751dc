package dev.palm.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The plain JSON form of PALM's Avro events, shared by the CLI's JSON Lines output, the audit
 * export ({@code docs/export-format.md}) and the query API's audit records: one JSON member per
 * schema field, named as in the schema; {@code null} for a null union; the union's value without
 * Avro's type wrapper otherwise; enums as their symbol; {@code timestamp-millis} as an ISO-8601 UTC
 * string with exactly three fraction digits; arrays and nested records as JSON arrays and objects.
 * It is lossless: {@link #fromJson} rebuilds the identical record, so an export can be re-hashed
 * offline.
 */
public final class AvroJson {

  /**
   * Members whose name starts with this are metadata outside the schema (e.g. {@code _kafka}) and
   * ignored.
   */
  public static final String METADATA_PREFIX = "_";

  /**
   * The metadata member with the Kafka topic, partition, offset and timestamp a record was read at.
   */
  public static final String KAFKA_MEMBER = "_kafka";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private AvroJson() {}

  /** The JSON object of a record. */
  public static ObjectNode toJson(SpecificRecord record) {
    return (ObjectNode) toJson(record.getSchema(), record);
  }

  /**
   * The JSON object of a record read at {@code topic}-{@code partition}@{@code offset}, with the
   * {@value #KAFKA_MEMBER} member saying so (not part of the record, so not covered by an audit
   * hash).
   */
  public static ObjectNode toJson(
      SpecificRecord record, String topic, int partition, long offset, Instant timestamp) {
    ObjectNode node = toJson(record);
    ObjectNode kafka = NODES.objectNode();
    kafka.put("topic", topic);
    kafka.put("partition", partition);
    kafka.put("offset", offset);
    kafka.put("timestamp", formatInstant(timestamp));
    node.set(KAFKA_MEMBER, kafka);
    return node;
  }

  /** One compact JSON line (no trailing newline). */
  public static String toJsonLine(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  /**
   * An ISO-8601 UTC instant with exactly three fraction digits, e.g. {@code
   * 2026-01-01T00:00:00.000Z}.
   */
  public static String formatInstant(Instant instant) {
    return MILLIS.format(instant);
  }

  /**
   * Parses one JSON line into a record of {@code type}.
   *
   * @throws IllegalArgumentException naming the member when the line is not JSON, a member is
   *     missing or unknown, or a value has the wrong type
   */
  public static <T extends SpecificRecord> T fromJsonLine(String line, Class<T> type) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromJson(node, type);
  }

  /** Rebuilds a record of {@code type} from its JSON object; see {@link #fromJsonLine}. */
  public static <T extends SpecificRecord> T fromJson(JsonNode node, Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return type.cast(fromJson(schema, node, schema.getName()));
  }

  private static JsonNode toJson(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case NULL:
        return NODES.nullNode();
      case STRING:
        return NODES.textNode(value.toString());
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case INT:
        return NODES.numberNode(((Number) value).intValue());
      case LONG:
        if (isTimestampMillis(schema) && value instanceof Instant instant) {
          return NODES.textNode(formatInstant(instant));
        }
        return NODES.numberNode(((Number) value).longValue());
      case FLOAT:
        return NODES.numberNode(((Number) value).floatValue());
      case DOUBLE:
        return NODES.numberNode(((Number) value).doubleValue());
      case ENUM:
        return NODES.textNode(value.toString());
      case UNION:
        return toJson(schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)), value);
      case ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) value) {
          array.add(toJson(schema.getElementType(), item));
        }
        return array;
      case MAP:
        ObjectNode map = NODES.objectNode();
        // sorted keys: the same map always renders the same line
        new TreeMap<>((Map<?, ?>) value)
            .forEach((k, v) -> map.set(k.toString(), toJson(schema.getValueType(), v)));
        return map;
      case RECORD:
        SpecificRecord record = (SpecificRecord) value;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), toJson(field.schema(), record.get(field.pos())));
        }
        return object;
      default:
        throw new IllegalArgumentException(
            "Avro type " + schema.getType() + " has no JSON form here");
    }
  }

  private static Object fromJson(Schema schema, JsonNode node, String path) {
    switch (schema.getType()) {
      case NULL:
        if (!node.isNull()) {
          throw wrongType(path, "null", node);
        }
        return null;
      case STRING:
        if (!node.isTextual()) {
          throw wrongType(path, "a string", node);
        }
        return node.textValue();
      case BOOLEAN:
        if (!node.isBoolean()) {
          throw wrongType(path, "true or false", node);
        }
        return node.booleanValue();
      case INT:
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          throw wrongType(path, "a 32-bit integer", node);
        }
        return node.intValue();
      case LONG:
        if (isTimestampMillis(schema)) {
          return parseInstant(node, path);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw wrongType(path, "a 64-bit integer", node);
        }
        return node.longValue();
      case FLOAT:
      case DOUBLE:
        if (!node.isNumber()) {
          throw wrongType(path, "a number", node);
        }
        return schema.getType() == Schema.Type.FLOAT
            ? (Object) node.floatValue()
            : (Object) node.doubleValue();
      case ENUM:
        if (!node.isTextual() || !schema.getEnumSymbols().contains(node.textValue())) {
          throw wrongType(path, "one of " + schema.getEnumSymbols(), node);
        }
        return SpecificData.get().createEnum(node.textValue(), schema);
      case UNION:
        return fromUnion(schema, node, path);
      case ARRAY:
        if (!node.isArray()) {
          throw wrongType(path, "an array", node);
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          list.add(fromJson(schema.getElementType(), node.get(i), path + "[" + i + "]"));
        }
        return list;
      case MAP:
        if (!node.isObject()) {
          throw wrongType(path, "an object", node);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          map.put(
              entry.getKey(),
              fromJson(schema.getValueType(), entry.getValue(), path + "." + entry.getKey()));
        }
        return map;
      case RECORD:
        return fromRecord(schema, node, path);
      default:
        throw new IllegalArgumentException(
            "Avro type " + schema.getType() + " has no JSON form here");
    }
  }

  private static Object fromUnion(Schema union, JsonNode node, String path) {
    List<Schema> branches = union.getTypes();
    if (node.isNull()) {
      if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw wrongType(path, "a value (the field is not nullable)", node);
    }
    IllegalArgumentException last = null;
    for (Schema branch : branches) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return fromJson(branch, node, path);
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw last != null ? last : wrongType(path, "null", node);
  }

  private static Object fromRecord(Schema schema, JsonNode node, String path) {
    if (!node.isObject()) {
      throw wrongType(path, "an object", node);
    }
    Set<String> known = new HashSet<>();
    SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      known.add(field.name());
      JsonNode member = node.get(field.name());
      String memberPath = path + "." + field.name();
      if (member == null) {
        throw new IllegalArgumentException(
            "member "
                + memberPath
                + " is missing; every field of the "
                + schema.getName()
                + " schema must be present for the record to be rebuilt exactly");
      }
      record.put(field.pos(), fromJson(field.schema(), member, memberPath));
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name) && !name.startsWith(METADATA_PREFIX)) {
        throw new IllegalArgumentException(
            "member "
                + path
                + "."
                + name
                + " is not a field of the "
                + schema.getName()
                + " schema this palm knows (exported by a newer version?)");
      }
    }
    return record;
  }

  private static Instant parseInstant(JsonNode node, String path) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      try {
        Instant instant = Instant.parse(node.textValue());
        if (instant.getNano() % 1_000_000 != 0) {
          throw new IllegalArgumentException(
              "member "
                  + path
                  + " has sub-millisecond digits, which a"
                  + " timestamp-millis cannot hold: "
                  + node.textValue());
        }
        return instant;
      } catch (DateTimeParseException e) {
        throw wrongType(path, "an ISO-8601 UTC time such as 2026-01-01T00:00:00.000Z", node);
      }
    }
    throw wrongType(path, "an ISO-8601 UTC time such as 2026-01-01T00:00:00.000Z", node);
  }

  private static boolean isTimestampMillis(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return logical != null
        && Objects.equals(logical.getName(), LogicalTypes.timestampMillis().getName());
  }

  private static IllegalArgumentException wrongType(String path, String expected, JsonNode found) {
    String shown = found.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new IllegalArgumentException(
        "member " + path + " must be " + expected + ", found " + shown);
  }
}
