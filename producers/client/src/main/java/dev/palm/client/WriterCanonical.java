package dev.palm.client;

import dev.palm.audit.AuditChain;
import dev.palm.audit.Checkpoints;
import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.registry.SchemaRegistryClient;
import dev.palm.registry.WireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The canonical bytes of audit records and checkpoints under the schema they were written with
 * (docs/audit-format.md §3 and §6): a record written under another schema version than this
 * library's (an added optional field) hashes, and a checkpoint verifies, under its writer schema,
 * not under ours.
 */
final class WriterCanonical {

  private final SchemaRegistryClient registry;
  private final Map<Integer, Boolean> ours = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> ourCheckpoints = new ConcurrentHashMap<>();

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

  /**
   * The canonical (signed) bytes of the checkpoint read at {@code topic} as {@code framed}, or null
   * when its writer schema is this library's.
   */
  byte[] ofCheckpoint(String topic, byte[] framed) {
    int id = WireFormat.schemaId(topic, framed);
    Schema writer = registry.schemaById(id);
    if (ourCheckpoints.computeIfAbsent(id, i -> writer.equals(Checkpoint.getClassSchema()))) {
      return null;
    }
    return Checkpoints.canonicalBytes(
        framed, WireFormat.HEADER_LENGTH, framed.length - WireFormat.HEADER_LENGTH, writer);
  }

  /** The schema a value read at {@code topic} as {@code framed} was written with. */
  Schema writerSchema(String topic, byte[] framed) {
    return registry.schemaById(WireFormat.schemaId(topic, framed));
  }
}
