package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.dlq.DeadLetters;
import dev.palm.streams.operations.ActorRef;
import dev.palm.streams.operations.ReasonCodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Step 1 (validity) for every canonical pack. */
class ValidityRulesTest {

  private PolicyHarness h;

  @BeforeEach
  void start() {
    h = new PolicyHarness(CanonicalPack.all());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static Stream<String> packs() {
    return CanonicalPack.all().stream().map(p -> p.metadata().name());
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesAnOperationWithoutActor(String pack) {
    PolicyDecision d = h.decide(h.op(pack, "restart", "dep-1").noActor().build());

    assertDenied(pack, d, ReasonCodes.ACTOR_MISSING, "validity.actor");
    AuditRecord record = h.auditRecord(pack, d.getAuditSequence());
    assertThat(record.getActorId()).isEmpty();
    assertThat(record.getActorType()).isEqualTo("unknown");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesAnActorOfUnknownType(String pack) {
    PolicyDecision d =
        h.decide(h.op(pack, "restart", "dep-1").actor("bot", ActorType.UNKNOWN).build());

    assertDenied(pack, d, ReasonCodes.ACTOR_MISSING, "validity.actor");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesEmptyIdsAndNamesAllAtOnce(String pack) {
    PolicyDecision d = h.decide(h.op(pack, "", "").id("").build());

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes())
        .containsExactly(
            ReasonCodes.OPERATION_ID_MISSING,
            ReasonCodes.OPERATION_MISSING,
            ReasonCodes.DEPLOYMENT_ID_MISSING);
    assertThat(d.getDecidedBy()).isEqualTo(ActorRef.SYSTEM_ID);
    assertThat(h.auditRecord(pack, d.getAuditSequence()).getReasonCodes())
        .containsExactlyElementsOf(d.getReasonCodes());
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesAnOperationNamingAnUnknownPack(String pack) {
    PolicyDecision d = withKey(pack, h.op(pack, "restart", "dep-1").pack("nosuchpack").build());

    assertDenied(pack, d, ReasonCodes.UNKNOWN_PACK, "validity.pack");
    assertThat(d.getMessages().get(0)).contains("nosuchpack").contains("is not loaded");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesAnOperationWhoseKeyNamesAnotherLoadedPack(String pack) {
    String other = packs().filter(p -> !p.equals(pack)).findFirst().orElseThrow();
    PolicyDecision d = withKey(pack, h.op(other, "restart", "dep-1").build());

    assertDenied(pack, d, ReasonCodes.PACK_MISMATCH, "validity.pack");
    assertThat(h.decisions(other)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesAnAgentSpecThePackRejects(String pack) {
    PolicyDecision zeroBudget =
        h.decide(
            h.op(pack, "create_deployment", "dep-a")
                .replicas(1)
                .spec("planner", "1.0.0", 0, 10)
                .build());
    PolicyDecision badVersion =
        h.decide(
            h.op(pack, "create_deployment", "dep-b")
                .replicas(1)
                .spec("planner", "one", 10, 10)
                .build());
    PolicyDecision emptyName =
        h.decide(
            h.op(pack, "create_deployment", "dep-c").replicas(1).spec("", "1.0.0", 10, 10).build());

    assertDenied(pack, zeroBudget, ReasonCodes.AGENT_SPEC_REJECTED, "validity.agent_spec");
    assertThat(zeroBudget.getMessages().get(0)).contains("attention_budget");
    assertDenied(pack, badVersion, ReasonCodes.AGENT_SPEC_REJECTED, "validity.agent_spec");
    assertDenied(pack, emptyName, ReasonCodes.AGENT_SPEC_REJECTED, "validity.agent_spec");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void acceptsAValidAgentSpec(String pack) {
    PolicyDecision d =
        h.decide(
            h.op(pack, "create_deployment", "dep-1")
                .replicas(1)
                .spec("planner", "1.2.0", 10_000, 100)
                .build());

    assertThat(d.getReasonCodes()).doesNotContain(ReasonCodes.AGENT_SPEC_REJECTED);
    assertThat(d.getDecision()).isIn(Decision.ALLOWED, Decision.PENDING_APPROVAL);
  }

  @ParameterizedTest
  @MethodSource("packs")
  void deniesNegativeCounts(String pack) {
    PolicyDecision d = h.decide(h.op(pack, "create_deployment", "dep-1").replicas(-1).build());

    assertDenied(pack, d, ReasonCodes.INVALID_REQUEST, "validity.target_replicas");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void aRecordKeyedByAnUnloadedPackGoesToTheDeadLetterTopic(String pack) {
    OperationRequested op = h.op(pack, "restart", "dep-1").build();
    h.send("nosuchpack", op);

    assertThat(h.decisions(pack)).isEmpty();
    assertThat(h.audit(pack)).isEmpty();
    var letter = h.deadLetters();
    assertThat(letter).hasSize(1);
    assertThat(DeadLetters.header(letter.get(0).headers(), DeadLetters.REASON))
        .contains("'nosuchpack' is not a loaded pack");
    assertThat(letter.get(0).key()).isEqualTo("nosuchpack".getBytes(StandardCharsets.UTF_8));
  }

  private PolicyDecision withKey(String key, OperationRequested op) {
    List<PolicyDecision> out = h.send(key, op);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private void assertDenied(String pack, PolicyDecision d, String code, String rule) {
    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).contains(code);
    assertThat(d.getRuleIds()).contains(rule);
    assertThat(d.getPack()).isEqualTo(pack);
    AuditRecord record = h.auditRecord(pack, d.getAuditSequence());
    assertThat(record.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(record.getReasonCodes()).contains(code);
    PlatformPack p =
        CanonicalPack.all().stream()
            .filter(x -> x.metadata().name().equals(pack))
            .findFirst()
            .orElseThrow();
    // Packs that require pre-audit write the OPERATION_RECEIVED record first and the decision
    // points at it.
    if (p.policyConfig().accountability().requirePreAudit()) {
      assertThat(d.getPreAuditSequence()).isNotNull();
      assertThat(h.auditRecord(pack, d.getPreAuditSequence()).getEventType())
          .isEqualTo(AuditEventType.OPERATION_RECEIVED);
      assertThat(d.getPreAuditSequence()).isLessThan(d.getAuditSequence());
    } else {
      assertThat(d.getPreAuditSequence()).isNull();
      assertThat(record.getEventType()).isEqualTo(AuditEventType.DECISION);
    }
  }
}
