package dev.palm.cli.audit;

import dev.palm.cli.ops.Rendering;
import dev.palm.client.AuditEntry;
import dev.palm.client.AuditExport;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders audit records for {@code palm audit query}: an aligned table, JSON Lines, or CSV. */
final class AuditFormats {

  /** Output formats of {@code audit query}. */
  enum Format {
    /** Aligned columns of the main fields, for people. */
    TABLE,
    /**
     * Every field, one JSON object per line, as {@code audit export} writes
     * (docs/export-format.md).
     */
    JSONL,
    /** Every field, RFC 4180 CSV with a header; lists joined with ';'. */
    CSV
  }

  private static final String TABLE_LINE = "%-8s %-24s %-22s %-16s %-36s %-20s %-16s %-14s %s";

  private static final List<String> CSV_COLUMNS =
      List.of(
          "pack",
          "pack_version",
          "sequence",
          "prev_hash",
          "hash",
          "algorithm",
          "recorded_at",
          "event_type",
          "operation_id",
          "operation",
          "deployment_id",
          "agent_id",
          "actor_id",
          "actor_type",
          "decision",
          "rule_ids",
          "reason_codes",
          "messages",
          "approval_id",
          "hold_id",
          "details",
          "source");

  private AuditFormats() {}

  /** The first line of the output, if the format has one. */
  static Optional<String> header(Format format) {
    return switch (format) {
      case TABLE ->
          Optional.of(
              String.format(
                  TABLE_LINE,
                  "SEQ",
                  "RECORDED_AT",
                  "EVENT",
                  "DECISION",
                  "OPERATION_ID",
                  "OPERATION",
                  "DEPLOYMENT",
                  "ACTOR",
                  "REASONS"));
      case CSV -> Optional.of(String.join(",", CSV_COLUMNS));
      case JSONL -> Optional.empty();
    };
  }

  /** One record's line. */
  static String line(Format format, AuditEntry entry) {
    AuditRecord r = entry.record();
    return switch (format) {
      case TABLE ->
          String.format(
              TABLE_LINE,
              r.getSequence(),
              Rendering.time(r.getRecordedAt()),
              r.getEventType(),
              r.getDecision() == null ? "" : r.getDecision().name(),
              text(r.getOperationId()),
              text(r.getOperation()),
              text(r.getDeploymentId()),
              r.getActorId(),
              String.join(",", r.getReasonCodes()));
      case JSONL -> AuditExport.line(entry);
      case CSV -> csv(r);
    };
  }

  private static String csv(AuditRecord r) {
    List<String> cells =
        List.of(
            r.getPack(),
            r.getPackVersion(),
            Long.toString(r.getSequence()),
            r.getPrevHash(),
            r.getHash(),
            r.getAlgorithm(),
            Rendering.time(r.getRecordedAt()),
            r.getEventType().name(),
            text(r.getOperationId()),
            text(r.getOperation()),
            text(r.getDeploymentId()),
            text(r.getAgentId()),
            r.getActorId(),
            r.getActorType(),
            r.getDecision() == null ? "" : r.getDecision().name(),
            String.join(";", r.getRuleIds()),
            String.join(";", r.getReasonCodes()),
            String.join(";", r.getMessages()),
            text(r.getApprovalId()),
            text(r.getHoldId()),
            r.getDetails().stream().map(AuditFormats::detail).collect(Collectors.joining(";")),
            r.getSource() == null
                ? ""
                : r.getSource().getTopic()
                    + "-"
                    + r.getSource().getPartition()
                    + "@"
                    + r.getSource().getOffset());
    return cells.stream().map(AuditFormats::quote).collect(Collectors.joining(","));
  }

  private static String detail(AuditDetail d) {
    return d.getKey() + "=" + d.getValue();
  }

  /** RFC 4180: quote a cell holding a comma, quote or line break, doubling inner quotes. */
  static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
