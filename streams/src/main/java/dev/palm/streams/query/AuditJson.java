package dev.palm.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON form of audit records in query answers, the same as the audit export's ({@code palm audit export}):
 * one member per Avro field named as in the schema, unions as their value or null, enums as their symbol,
 * {@code timestamp-millis} as ISO-8601 UTC with three fraction digits, plus a {@code _kafka} member saying where
 * the record sits. Every field, {@code prev_hash} and {@code hash} included, is there, so an answer can be
 * re-hashed offline (docs/audit-format.md).
 */
final class AuditJson {

    /** The member with the record's topic, partition, offset and timestamp (not part of the hashed record). */
    static final String KAFKA_MEMBER = "_kafka";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private AuditJson() {
    }

    /** The JSON object of a record read at {@code topic}-{@code partition}@{@code offset}. */
    static ObjectNode of(SpecificRecord record, String topic, int partition, long offset, long timestamp) {
        ObjectNode node = (ObjectNode) toJson(record.getSchema(), record);
        ObjectNode kafka = NODES.objectNode();
        kafka.put("topic", topic);
        kafka.put("partition", partition);
        kafka.put("offset", offset);
        kafka.put("timestamp", MILLIS.format(Instant.ofEpochMilli(timestamp)));
        node.set(KAFKA_MEMBER, kafka);
        return node;
    }

    private static JsonNode toJson(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case NULL:
                return NODES.nullNode();
            case STRING:
            case ENUM:
                return NODES.textNode(value.toString());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case INT:
                return NODES.numberNode(((Number) value).intValue());
            case LONG:
                if (value instanceof Instant instant && isTimestampMillis(schema)) {
                    return NODES.textNode(MILLIS.format(instant));
                }
                return NODES.numberNode(((Number) value).longValue());
            case FLOAT:
            case DOUBLE:
                return NODES.numberNode(((Number) value).doubleValue());
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
                new TreeMap<>((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(),
                        toJson(schema.getValueType(), v)));
                return map;
            case RECORD:
                SpecificRecord record = (SpecificRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(field.schema(), record.get(field.pos())));
                }
                return object;
            default:
                return NODES.textNode(value.toString());
        }
    }

    private static boolean isTimestampMillis(Schema schema) {
        LogicalType type = schema.getLogicalType();
        return type instanceof LogicalTypes.TimestampMillis;
    }
}
