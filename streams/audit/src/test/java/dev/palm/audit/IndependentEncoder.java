package dev.palm.audit;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical encoding of docs/audit-format.md written from the document's rules alone, without
 * Avro, the way a third party would: tests compare it with the Avro library's bytes so the document
 * cannot drift.
 */
final class IndependentEncoder {

  /** The bytes of one field. */
  record Segment(String field, byte[] bytes) {}

  private IndependentEncoder() {}

  static byte[] canonicalBytes(AuditRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    segments(record).forEach(segment -> out.writeBytes(segment.bytes()));
    return out.toByteArray();
  }

  /** Field by field, in schema order, with {@code hash} encoded as the empty string. */
  static List<Segment> segments(AuditRecord r) {
    List<Segment> segments = new ArrayList<>();
    segments.add(new Segment("pack", string(r.getPack())));
    segments.add(new Segment("pack_version", string(r.getPackVersion())));
    segments.add(new Segment("sequence", varLong(r.getSequence())));
    segments.add(new Segment("prev_hash", string(r.getPrevHash())));
    segments.add(new Segment("hash", string("")));
    segments.add(new Segment("algorithm", string(r.getAlgorithm())));
    segments.add(new Segment("recorded_at", varLong(r.getRecordedAt().toEpochMilli())));
    segments.add(new Segment("event_type", varLong(r.getEventType().ordinal())));
    segments.add(new Segment("operation_id", optionalString(r.getOperationId())));
    segments.add(new Segment("operation", optionalString(r.getOperation())));
    segments.add(new Segment("deployment_id", optionalString(r.getDeploymentId())));
    segments.add(new Segment("agent_id", optionalString(r.getAgentId())));
    segments.add(new Segment("actor_id", string(r.getActorId())));
    segments.add(new Segment("actor_type", string(r.getActorType())));
    segments.add(
        new Segment(
            "decision",
            r.getDecision() == null
                ? varLong(0)
                : concat(varLong(1), varLong(r.getDecision().ordinal()))));
    segments.add(new Segment("rule_ids", stringArray(r.getRuleIds())));
    segments.add(new Segment("reason_codes", stringArray(r.getReasonCodes())));
    segments.add(new Segment("messages", stringArray(r.getMessages())));
    segments.add(new Segment("approval_id", optionalString(r.getApprovalId())));
    segments.add(new Segment("hold_id", optionalString(r.getHoldId())));
    ByteArrayOutputStream details = new ByteArrayOutputStream();
    if (!r.getDetails().isEmpty()) {
      details.writeBytes(varLong(r.getDetails().size()));
      for (AuditDetail detail : r.getDetails()) {
        details.writeBytes(string(detail.getKey()));
        details.writeBytes(string(detail.getValue()));
      }
    }
    details.writeBytes(varLong(0));
    segments.add(new Segment("details", details.toByteArray()));
    segments.add(
        new Segment(
            "source",
            r.getSource() == null
                ? varLong(0)
                : concat(
                    varLong(1),
                    concat(
                        string(r.getSource().getTopic()),
                        concat(
                            varLong(r.getSource().getPartition()),
                            varLong(r.getSource().getOffset()))))));
    return segments;
  }

  /** Zigzag, then little-endian base-128 groups with the high bit set on all but the last byte. */
  static byte[] varLong(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  static byte[] string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return concat(varLong(utf8.length), utf8);
  }

  private static byte[] optionalString(String value) {
    return value == null ? varLong(0) : concat(varLong(1), string(value));
  }

  private static byte[] stringArray(List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!values.isEmpty()) {
      out.writeBytes(varLong(values.size()));
      values.forEach(v -> out.writeBytes(string(v)));
    }
    out.writeBytes(varLong(0));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
