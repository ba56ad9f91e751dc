package dev.palm.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.AuditChain;
import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import dev.palm.packs.IntegrityAlgorithm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared JSON form: the exact line of {@code docs/export-format.md}, and back to the identical
 * record.
 */
class AvroJsonTest {

  private static final Instant T0 = Instant.parse("2026-11-25T18:27:47.912Z");

  @Test
  void anAuditRecordRendersAsTheExportFormatSaysAndRebuildsExactly() {
    AuditChain chain = new AuditChain(IntegrityAlgorithm.SHA256);
    AuditRecord record =
        chain.append(
            chain.genesis(),
            AuditChain.draft()
                .setPack("ibank")
                .setPackVersion("0.1.0")
                .setRecordedAt(T0)
                .setEventType(AuditEventType.APPROVAL_GRANTED)
                .setOperationId("op-1")
                .setOperation("restart")
                .setDeploymentId("web")
                .setAgentId(null)
                .setActorId("bob")
                .setActorType("human")
                .setDecision(Decision.ALLOWED)
                .setRuleIds(List.of("human_approval.always_required"))
                .setReasonCodes(List.of("APPROVED"))
                .setMessages(List.of("approved by bob"))
                .setApprovalId("approval-op-1")
                .setHoldId(null)
                .setDetails(List.of(new AuditDetail("comment", "ok")))
                .setSource(new SourcePosition("palm.approvals.responses", 0, 2L))
                .build());

    String line =
        AvroJson.toJsonLine(AvroJson.toJson(record, "palm.ibank.audit", 0, 10, T0.plusMillis(1)));

    assertThat(line)
        .isEqualTo(
            "{\"pack\":\"ibank\",\"pack_version\":\"0.1.0\",\"sequence\":0,\"prev_hash\":\""
                + "0".repeat(64)
                + "\",\"hash\":\""
                + record.getHash()
                + "\",\"algorithm\":\"sha256\","
                + "\"recorded_at\":\"2026-11-25T18:27:47.912Z\",\"event_type\":\"APPROVAL_GRANTED\","
                + "\"operation_id\":\"op-1\",\"operation\":\"restart\",\"deployment_id\":\"web\",\"agent_id\":null,"
                + "\"actor_id\":\"bob\",\"actor_type\":\"human\",\"decision\":\"ALLOWED\","
                + "\"rule_ids\":[\"human_approval.always_required\"],\"reason_codes\":[\"APPROVED\"],"
                + "\"messages\":[\"approved by bob\"],\"approval_id\":\"approval-op-1\",\"hold_id\":null,"
                + "\"details\":[{\"key\":\"comment\",\"value\":\"ok\"}],"
                + "\"source\":{\"topic\":\"palm.approvals.responses\",\"partition\":0,\"offset\":2},"
                + "\"_kafka\":{\"topic\":\"palm.ibank.audit\",\"partition\":0,\"offset\":10,"
                + "\"timestamp\":\"2026-11-25T18:27:47.913Z\"}}");
    AuditRecord rebuilt = AvroJson.fromJsonLine(line, AuditRecord.class);
    assertThat(rebuilt).isEqualTo(record);
    assertThat(AuditChain.computeHash(rebuilt)).isEqualTo(record.getHash());
  }
}
