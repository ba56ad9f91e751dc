package dev.palm.cli.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.client.ActiveHold;
import dev.palm.client.PendingApproval;
import dev.palm.client.PublishResult;
import dev.palm.events.PolicyDecision;
import dev.palm.wire.AvroJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders decisions, approvals, holds and publish results as the commands print them (text or
 * JSON).
 */
public final class Rendering {

  private Rendering() {}

  /** Output formats of the listing commands. */
  public enum Format {
    /** Aligned columns for people. */
    TEXT,
    /** One JSON object per line, in the Avro field names (see docs/export-format.md). */
    JSONL
  }

  /** A time with millisecond precision in UTC. */
  public static String time(Instant instant) {
    return AvroJson.formatInstant(instant);
  }

  /** One line per decision, for {@code decisions tail}. */
  public static String decisionLine(PolicyDecision d) {
    return String.format(
        "%-24s %-16s %-5s %-36s %-20s %-16s %-14s %s",
        time(d.getDecidedAt()),
        d.getDecision(),
        d.getKind().name().equals("ALERT") ? "ALERT" : "",
        d.getOperationId(),
        d.getOperation(),
        d.getDeploymentId(),
        d.getDecidedBy(),
        String.join(",", d.getReasonCodes()));
  }

  /** The header of {@link #decisionLine}. */
  public static String decisionHeader() {
    return String.format(
        "%-24s %-16s %-5s %-36s %-20s %-16s %-14s %s",
        "DECIDED_AT",
        "DECISION",
        "KIND",
        "OPERATION_ID",
        "OPERATION",
        "DEPLOYMENT",
        "DECIDED_BY",
        "REASONS");
  }

  /** A decision in full, several lines, for {@code publish --wait} and the answering commands. */
  public static String decisionDetail(PolicyDecision d) {
    StringBuilder text = new StringBuilder();
    text.append(d.getDecision())
        .append(" ")
        .append(d.getOperation())
        .append(" on ")
        .append(d.getDeploymentId())
        .append(" (operation ")
        .append(d.getOperationId())
        .append(", pack ")
        .append(d.getPack())
        .append(" ")
        .append(d.getPackVersion())
        .append(")")
        .append(System.lineSeparator());
    field(text, "decided by", d.getDecidedBy() + " at " + time(d.getDecidedAt()));
    list(text, "rules", d.getRuleIds());
    list(text, "reasons", d.getReasonCodes());
    for (String message : d.getMessages()) {
      field(text, "message", message);
    }
    Optional.ofNullable(d.getApprovalId()).ifPresent(id -> field(text, "approval", id));
    Optional.ofNullable(d.getHoldId()).ifPresent(id -> field(text, "hold", id));
    field(
        text,
        "audit",
        "sequence "
            + d.getAuditSequence()
            + Optional.ofNullable(d.getPreAuditSequence())
                .map(s -> " (received: sequence " + s + ")")
                .orElse(""));
    return text.toString().stripTrailing();
  }

  /** The JSON form of a publish result. */
  public static ObjectNode publishJson(PublishResult result) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("operation_id", result.operationId());
    node.put("topic", result.topic());
    node.put("partition", result.partition());
    node.put("offset", result.offset());
    node.put("timestamp", time(result.timestamp()));
    return node;
  }

  /** The open approval requests as an aligned table with a header. */
  public static List<String> approvalTable(List<PendingApproval> pending, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "APPROVAL_ID",
            "OPERATION_ID",
            "OPERATION",
            "DEPLOYMENT",
            "REQUESTED_BY",
            "REQUESTED_AT",
            "EXPIRES_AT",
            "APPROVALS",
            "ESCALATION"));
    for (PendingApproval p : pending) {
      rows.add(
          List.of(
              p.approvalId(),
              p.operationId(),
              p.operation(),
              p.deploymentId(),
              p.requestedBy(),
              time(p.requestedAt()),
              time(p.expiresAt()) + (p.expired(now) ? "!" : ""),
              p.approvedBy().size() + "/" + p.approvalsRequired(),
              p.escalationLevel() == 0
                  ? "-"
                  : "level "
                      + p.escalationLevel()
                      + p.escalationName().map(n -> " " + n).orElse("")));
    }
    return table(rows);
  }

  /** The JSON form of an open approval request. */
  public static ObjectNode approvalJson(PendingApproval p) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("approval_id", p.approvalId());
    node.put("pack", p.pack());
    node.put("operation_id", p.operationId());
    node.put("operation", p.operation());
    node.put("deployment_id", p.deploymentId());
    node.put("agent_id", p.agentId().orElse(null));
    node.put("requested_by", p.requestedBy());
    node.put("requested_at", time(p.requestedAt()));
    node.put("expires_at", time(p.expiresAt()));
    node.put("escalation_level", p.escalationLevel());
    node.put("escalation_name", p.escalationName().orElse(null));
    strings(node, "recipients", p.recipients());
    node.put("approvals_required", p.approvalsRequired());
    strings(node, "approved_by", p.approvedBy());
    strings(node, "rule_ids", p.ruleIds());
    strings(node, "reason_codes", p.reasonCodes());
    strings(node, "messages", p.messages());
    node.put("target_replicas", p.targetReplicas().orElse(null));
    node.put("instance_count", p.instanceCount().orElse(null));
    node.put("justification", p.justification().orElse(null));
    node.put("audit_sequence", p.auditSequence());
    return node;
  }

  /** The holds in force as an aligned table with a header. */
  public static List<String> holdTable(List<ActiveHold> holds) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("HOLD_ID", "OPERATION_ID", "OPERATION", "DEPLOYMENT", "HELD_AT", "REASONS"));
    for (ActiveHold h : holds) {
      rows.add(
          List.of(
              h.holdId().orElse("-"),
              h.operationId(),
              h.operation(),
              h.deploymentId(),
              time(h.heldAt()),
              String.join(",", h.reasonCodes())));
    }
    return table(rows);
  }

  /**
   * Rows padded to the widest cell of each column, two spaces apart; the last column is not padded.
   */
  public static List<String> table(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** The JSON form of a hold in force. */
  public static ObjectNode holdJson(ActiveHold h) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("hold_id", h.holdId().orElse(null));
    node.put("pack", h.pack());
    node.put("operation_id", h.operationId());
    node.put("operation", h.operation());
    node.put("deployment_id", h.deploymentId());
    node.put("agent_id", h.agentId().orElse(null));
    node.put("held_at", time(h.heldAt()));
    strings(node, "rule_ids", h.ruleIds());
    strings(node, "reason_codes", h.reasonCodes());
    strings(node, "messages", h.messages());
    node.put("audit_sequence", h.auditSequence());
    return node;
  }

  private static void strings(ObjectNode node, String name, List<String> values) {
    values.forEach(node.putArray(name)::add);
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(String.format("  %-11s %s", name + ":", value)).append(System.lineSeparator());
  }

  private static void list(StringBuilder text, String name, List<String> values) {
    if (!values.isEmpty()) {
      field(text, name, String.join(", ", values));
    }
  }
}
