package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ActorType;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.HoldAction;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.streams.operations.Identities;
import dev.palm.streams.operations.ReasonCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The policy's trust invariants under random sequences of requests, approval answers and hold
 * releases whose ids come in random spellings (case, spaces, full-width letters), on iBank with two
 * approvals required (as Kafka's {@code StandardAuthorizerPropertyTest} does for its authorizer):
 *
 * <ul>
 *   <li>no operation that needs approval is ALLOWED without approvals from at least two distinct
 *       canonical humans, none of them its requester;
 *   <li>no held operation is ALLOWED without a release by someone other than its requester;
 *   <li>every operation outside the pack's vocabulary is DENIED {@code UNKNOWN_OPERATION};
 *   <li>every decision has exactly one audit record of its own, and the chain verifies.
 * </ul>
 */
class PolicyInvariantsPropertyTest {

  private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave");
  private static final List<String> KNOWN =
      List.of("create_deployment", "delete_deployment", "scale", "restart", "force_restart");
  private static final List<String> UNKNOWN =
      List.of("DELETE_DEPLOYMENT", "delete-deployment", "restrat", "Scale", "delete_deploymnet");
  private static final Set<String> NEEDS_APPROVAL =
      Set.of("create_deployment", "delete_deployment", "scale");
  private static final Set<String> HELD = Set.of("delete_deployment", "force_restart");

  /** One input of a random sequence. */
  sealed interface Action permits Request, Answer, Release {}

  /** A request of {@code operation} on deployment {@code deployment} by {@code actor}. */
  record Request(int deployment, String operation, String actor, int replicas) implements Action {}

  /** An answer to the {@code target}-th request so far (modulo their number). */
  record Answer(int target, String approver, boolean approve) implements Action {}

  /** A release (or cancellation) of the {@code target}-th request so far. */
  record Release(int target, String releaser, boolean cancel) implements Action {}

  @Provide
  Arbitrary<List<Action>> sequences() {
    Arbitrary<String> person =
        Combinators.combine(Arbitraries.of(PEOPLE), Arbitraries.integers().between(0, 4))
            .as(PolicyInvariantsPropertyTest::spelled);
    Arbitrary<Action> request =
        Combinators.combine(
                Arbitraries.integers().between(1, 5),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, Arbitraries.of(KNOWN)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(UNKNOWN))),
                person,
                Arbitraries.integers().between(1, 4))
            .as(Request::new);
    Arbitrary<Action> answer =
        Combinators.combine(
                Arbitraries.integers().between(0, 50),
                person,
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(6, true), net.jqwik.api.Tuple.of(1, false)))
            .as(Answer::new);
    Arbitrary<Action> release =
        Combinators.combine(
                Arbitraries.integers().between(0, 50),
                person,
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(6, false), net.jqwik.api.Tuple.of(1, true)))
            .as(Release::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, request),
            net.jqwik.api.Tuple.of(5, answer),
            net.jqwik.api.Tuple.of(3, release))
        .list()
        .ofMinSize(10)
        .ofMaxSize(40);
  }

  /** {@code name} in one of five spellings that all mean the same person. */
  static String spelled(String name, int variant) {
    return switch (variant) {
      case 1 -> name.toUpperCase(java.util.Locale.ROOT);
      case 2 -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
      case 3 -> " " + name + " ";
      case 4 ->
          name.chars()
              .map(c -> c - 'a' + 'ａ') // full-width Latin letters, NFKC folds them back
              .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
              .toString();
      default -> name;
    };
  }

  @Property(tries = 60)
  void trustInvariantsHold(@ForAll("sequences") List<Action> actions) {
    PlatformPack pack =
        IBankPack.presetConfig().toBuilder()
            .extensions(PackExtensions.builder().approvalsRequired(2).build())
            .build()
            .toPack();
    try (PolicyHarness h = new PolicyHarness(List.of(pack))) {
      // deployments 1 to 3 exist (2 replicas), 4 and 5 do not
      for (int i = 1; i <= 3; i++) {
        String created =
            h.decide(h.op("ibank", "create_deployment", "dep-" + i).replicas(2).build())
                .getOperationId();
        h.approve("ibank", created, "bob");
        h.approve("ibank", created, "carol");
      }
      h.advance(Duration.ofSeconds(61));
      int before = h.decisionsOnly("ibank").size();
      List<String> ids = new ArrayList<>();
      Map<String, String> requester = new HashMap<>();
      Map<String, String> operation = new HashMap<>();
      for (Action action : actions) {
        play(h, action, ids, requester, operation);
        h.advance(Duration.ofSeconds(7)); // stays under iBank's 10 per minute, mostly
      }
      List<PolicyDecision> decisions = h.decisionsOnly("ibank");
      assertThat(decisions.subList(0, before))
          .filteredOn(d -> d.getDecision() == Decision.ALLOWED)
          .hasSize(3);
      List<AuditRecord> audit = h.audit("ibank");

      assertThat(h.verifyChain("ibank").intact()).isTrue();
      everyDecisionHasItsOwnAuditRecord(decisions, audit);
      for (String id : ids) {
        List<PolicyDecision> ofOp =
            decisions.stream().filter(d -> d.getOperationId().equals(id)).toList();
        List<AuditRecord> trail =
            audit.stream().filter(r -> id.equals(r.getOperationId())).toList();
        String op = operation.get(id);
        if (UNKNOWN.contains(op)) {
          assertThat(ofOp)
              .as("unknown operation %s", op)
              .singleElement()
              .satisfies(
                  d -> {
                    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
                    assertThat(d.getReasonCodes()).contains(ReasonCodes.UNKNOWN_OPERATION);
                  });
          continue;
        }
        boolean allowed = ofOp.stream().anyMatch(d -> d.getDecision() == Decision.ALLOWED);
        Statistics.label("outcome")
            .collect(
                (allowed ? "allowed " : "not allowed ")
                    + (NEEDS_APPROVAL.contains(op) ? "approval" : "no approval")
                    + (HELD.contains(op) ? ", held" : ""));
        if (allowed && NEEDS_APPROVAL.contains(op)) {
          List<String> approvers =
              trail.stream()
                  .filter(
                      r ->
                          r.getEventType() == AuditEventType.APPROVAL_GRANTED
                              || (r.getEventType() == AuditEventType.APPROVAL_RESPONSE
                                  && r.getReasonCodes().contains(ReasonCodes.APPROVAL_RECORDED)))
                  .map(AuditRecord::getActorId)
                  .toList();
          assertThat(approvers).as("approvers of %s %s", op, id).hasSizeGreaterThanOrEqualTo(2);
          assertThat(new HashSet<>(approvers)).as("distinct approvers").hasSameSizeAs(approvers);
          assertThat(approvers).as("the requester approves").doesNotContain(requester.get(id));
        }
        if (allowed && HELD.contains(op)) {
          assertThat(trail)
              .as("release of held %s %s", op, id)
              .anySatisfy(
                  r -> {
                    assertThat(r.getEventType()).isEqualTo(AuditEventType.HOLD_RELEASED);
                    assertThat(r.getActorId()).isNotEqualTo(requester.get(id));
                  });
        }
      }
    }
  }

  private static void play(
      PolicyHarness h,
      Action action,
      List<String> ids,
      Map<String, String> requester,
      Map<String, String> operation) {
    if (action instanceof Request r) {
      OperationRequested op =
          h.op("ibank", r.operation(), "dep-" + r.deployment())
              .actor(r.actor(), ActorType.HUMAN)
              .replicas(r.replicas())
              .build();
      h.send(op);
      ids.add(op.getOperationId());
      requester.put(op.getOperationId(), Identities.canonical(r.actor()).id().orElseThrow());
      operation.put(op.getOperationId(), r.operation());
    } else if (action instanceof Answer a) {
      // answers go to requests that wait for one (the others would only be refused)
      List<String> open = waiting(h, ids, Decision.PENDING_APPROVAL);
      if (open.isEmpty()) {
        return;
      }
      String id = open.get(a.target() % open.size());
      if (a.approve()) {
        h.approve("ibank", id, a.approver());
      } else {
        h.reject("ibank", id, a.approver());
      }
    } else if (action instanceof Release rel) {
      List<String> held = waiting(h, ids, Decision.HELD);
      if (held.isEmpty()) {
        return;
      }
      String id = held.get(rel.target() % held.size());
      h.release(
          "ibank",
          id,
          rel.releaser(),
          ActorType.HUMAN,
          rel.cancel() ? HoldAction.CANCEL : HoldAction.RELEASE);
    }
  }

  /** The requests whose latest decision is {@code state}. */
  private static List<String> waiting(PolicyHarness h, List<String> ids, Decision state) {
    Map<String, Decision> latest = new HashMap<>();
    h.decisionsOnly("ibank").forEach(d -> latest.put(d.getOperationId(), d.getDecision()));
    return ids.stream().filter(id -> latest.get(id) == state).toList();
  }

  private static void everyDecisionHasItsOwnAuditRecord(
      List<PolicyDecision> decisions, List<AuditRecord> audit) {
    Map<Long, AuditRecord> bySequence =
        audit.stream().collect(Collectors.toMap(AuditRecord::getSequence, r -> r));
    Set<Long> used = new HashSet<>();
    for (PolicyDecision d : decisions) {
      assertThat(d.getKind()).isEqualTo(DecisionKind.DECISION);
      AuditRecord record = bySequence.get(d.getAuditSequence());
      assertThat(record).as("audit record of decision %s", d).isNotNull();
      assertThat(record.getOperationId()).isEqualTo(d.getOperationId());
      assertThat(record.getDecision()).isEqualTo(d.getDecision());
      assertThat(used.add(d.getAuditSequence()))
          .as("audit sequence %s used by one decision only", d.getAuditSequence())
          .isTrue();
    }
  }
}
