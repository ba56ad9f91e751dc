package dev.palm.audit;

import dev.palm.events.AuditDetail;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.SourcePosition;
import dev.palm.packs.IntegrityAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds draft and chained audit records for the audit package's tests. */
public final class AuditFixtures {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private AuditFixtures() {}

  public static AuditRecord draft(String pack, int i) {
    return AuditChain.draft()
        .setPack(pack)
        .setPackVersion("1.0.0")
        .setRecordedAt(T0.plusSeconds(i))
        .setEventType(i % 2 == 0 ? AuditEventType.OPERATION_RECEIVED : AuditEventType.DECISION)
        .setOperationId("op-" + i)
        .setOperation("deploy")
        .setDeploymentId("dep-" + (i % 3))
        .setActorId("alice")
        .setActorType("human")
        .setDecision(i % 2 == 0 ? null : Decision.ALLOWED)
        .setRuleIds(List.of("limits.rate"))
        .setReasonCodes(List.of())
        .setMessages(List.of("message " + i))
        .setDetails(List.of(detail("replicas", Integer.toString(i)), detail("environment", "prod")))
        .setSource(new SourcePosition("palm.operations", 0, (long) i))
        .build();
  }

  public static AuditDetail detail(String key, String value) {
    return new AuditDetail(key, value);
  }

  /** A valid chain of n records from genesis. */
  public static List<AuditRecord> chain(IntegrityAlgorithm algorithm, String pack, int n) {
    AuditChain chain = new AuditChain(algorithm);
    ChainHead head = chain.genesis();
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditRecord appended = chain.append(head, draft(pack, i));
      head = head.next(appended);
      records.add(appended);
    }
    return records;
  }

  /** Returns a copy with the hash recomputed, as a forger who knows the format would do. */
  public static AuditRecord rehashed(AuditRecord record) {
    AuditRecord copy = AuditRecord.newBuilder(record).build();
    copy.setHash(AuditChain.computeHash(copy));
    return copy;
  }
}
