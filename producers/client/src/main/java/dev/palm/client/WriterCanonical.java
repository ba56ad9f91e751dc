package dev.palm.client;

import dev.palm.audit.AuditChain;
import dev.palm.events.AuditRecord;
import dev.palm.registry.SchemaRegistryClient;
import dev.palm.registry.WireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The canonical bytes of audit records under the schema they were written with
 * (docs/audit-format.md §3): a record written under another schema version than this library's (an
 * added optional field) hashes under its writer schema, not under ours.
 */
final class WriterCanonical {

  private final SchemaRegistryClient registry;
  private final Map<Integer, Boolean> ours = new ConcurrentHashMap<>();

  WriterCanonical(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /**
   * The canonical bytes of the record read at {@code topic} as {@code framed}, or null when its
   * writer schema is this library's (then the decoded record hashes the same).
   */
  byte[] of(String topic, byte[] framed) {
    int id = WireFormat.schemaId(topic, framed);
    Schema writer = registry.schemaById(id);
    if (ours.computeIfAbsent(id, i -> writer.equals(AuditRecord.getClassSchema()))) {
      return null;
    }
    return AuditChain.canonicalBytes(
        framed, WireFormat.HEADER_LENGTH, framed.length - WireFormat.HEADER_LENGTH, writer);
  }
}
