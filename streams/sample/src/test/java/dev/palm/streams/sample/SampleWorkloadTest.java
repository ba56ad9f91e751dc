package dev.palm.streams.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.ApprovalVerdict;
import dev.palm.events.Decision;
import dev.palm.events.HoldAction;
import dev.palm.packs.PackExtensions;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.files.PackFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sample workload's plan, worked out from the packs' configurations (no broker involved). */
class SampleWorkloadTest {

  private static final SampleWorkload CANONICAL =
      SampleWorkload.forPacks(CanonicalPack.all(), "run1", SampleIdentities.DEFAULT);

  private static List<String> paths(SampleWorkload w, String pack) {
    return w.cases(pack).stream().map(SampleCase::path).toList();
  }

  private static SampleCase single(SampleWorkload w, String pack, String path) {
    List<SampleCase> found = w.cases(pack).stream().filter(c -> c.path().equals(path)).toList();
    assertThat(found).as(pack + ": " + path).hasSize(1);
    return found.get(0);
  }

  @Test
  void everyCanonicalPackGetsTheCommonPaths() {
    for (String pack : List.of("mapleverse", "finalverse", "ibank")) {
      assertThat(paths(CANONICAL, pack))
          .as(pack)
          .contains(
              "allowed",
              "denied: invalid request",
              "denied: unknown pack",
              "denied: deployment state",
              "denied: limit",
              "pending approval -> approved",
              "pending approval -> rejected",
              "pending approval (left open)");
      List<String> limitCodes =
          CANONICAL.cases(pack).stream()
              .filter(c -> c.path().equals("denied: limit"))
              .map(c -> c.expected().get(c.expected().size() - 1).reasonCode())
              .toList();
      assertThat(limitCodes)
          .as(pack)
          .contains(
              "SCALE_UP_EXCEEDED",
              "SCALE_DOWN_EXCEEDED",
              "INSTANCES_PER_DEPLOYMENT_EXCEEDED",
              "RESOURCE_LIMIT_EXCEEDED");
      assertThat(CANONICAL.rateProbes()).anySatisfy(p -> assertThat(p.pack()).isEqualTo(pack));
    }
  }

  @Test
  void holdsFollowEachPacksSafetyRules() {
    // iBank holds force operations for a human; the scale-down beyond the limit is held, released,
    // then denied
    assertThat(paths(CANONICAL, "ibank"))
        .contains(
            "held -> released -> allowed",
            "held -> cancelled",
            "held -> released -> pending approval -> rejected",
            "held (left open)");
    SampleCase scaleDown =
        CANONICAL.cases("ibank").stream()
            .filter(
                c ->
                    c.expected()
                        .get(c.expected().size() - 1)
                        .reasonCode()
                        .equals("SCALE_DOWN_EXCEEDED"))
            .findFirst()
            .orElseThrow();
    assertThat(scaleDown.expected())
        .extracting(Expect::decision)
        .containsExactly(Decision.HELD, Decision.DENIED);
    // Mapleverse has no holds, and says so
    assertThat(paths(CANONICAL, "mapleverse")).noneMatch(p -> p.startsWith("held"));
    assertThat(CANONICAL.skipped())
        .anySatisfy(
            s -> {
              assertThat(s.pack()).isEqualTo("mapleverse");
              assertThat(s.path()).isEqualTo("held -> released");
              assertThat(s.reason()).contains("safety_holds.enabled is false");
            });
  }

  @Test
  void longTimersAreListedAsPendingNotFaked() {
    assertThat(CANONICAL.skipped())
        .anySatisfy(
            s -> {
              assertThat(s.pack()).isEqualTo("ibank");
              assertThat(s.path()).isEqualTo("pending approval -> expired");
              assertThat(s.reason()).contains("86400 s");
            });
    assertThat(CANONICAL.cases())
        .noneMatch(
            c -> c.expected().stream().anyMatch(e -> e.reasonCode().equals("APPROVAL_EXPIRED")));
    assertThat(CANONICAL.phases()).noneMatch(p -> p.name().equals(SampleWorkload.TIMERS_PHASE));
  }

  @Test
  void theDemoPackShowsExpiryEscalationAutoReleaseAndTheDeploymentLimit() throws Exception {
    PlatformPack quickverse =
        PackFiles.load(Path.of("..", "..", "packs", "examples", "quickverse.yaml")).toPack();
    SampleWorkload w =
        SampleWorkload.forPacks(List.of(quickverse), "run2", SampleIdentities.DEFAULT);

    SampleCase expired = single(w, "quickverse", "pending approval -> expired");
    assertThat(expired.expected())
        .containsExactly(
            Expect.of(Decision.PENDING_APPROVAL, "APPROVAL_THRESHOLD_EXCEEDED"),
            Expect.by(Decision.DENIED, "APPROVAL_EXPIRED", "palm-system"));
    assertThat(expired.escalationLevels()).containsExactly(1, 2);
    assertThat(single(w, "quickverse", "held -> auto-released").expected().get(1))
        .isEqualTo(Expect.by(Decision.ALLOWED, "POLICY_PASSED", "palm-system"));
    assertThat(w.cases("quickverse"))
        .anySatisfy(
            c ->
                assertThat(c.expected().get(c.expected().size() - 1))
                    .isEqualTo(Expect.of(Decision.DENIED, "CONCURRENT_DEPLOYMENTS_EXCEEDED")));
    assertThat(w.phases())
        .filteredOn(p -> p.name().equals(SampleWorkload.TIMERS_PHASE))
        .singleElement()
        .satisfies(p -> assertThat(p.timerWait().toSeconds()).isEqualTo(22));
  }

  @Test
  void answersComeInLaterPhasesThanTheirRequestsAndIdsAreUnique() {
    Map<String, Integer> submittedIn = new HashMap<>();
    List<SamplePhase> phases = CANONICAL.phases();
    Set<String> caseIds = new HashSet<>();
    CANONICAL
        .cases()
        .forEach(c -> assertThat(caseIds.add(c.operationId())).as(c.operationId()).isTrue());
    for (int i = 0; i < phases.size(); i++) {
      for (SampleStep step : phases.get(i).steps()) {
        assertThat(caseIds).contains(step.operationId());
        if (step instanceof SampleStep.Submit) {
          submittedIn.putIfAbsent(step.operationId(), i);
        } else {
          assertThat(submittedIn.get(step.operationId())).as(step.operationId()).isLessThan(i);
        }
      }
    }
    Set<String> phaseNames = new HashSet<>(phases.stream().map(SamplePhase::name).toList());
    CANONICAL.cases().forEach(c -> assertThat(phaseNames).containsAll(c.expectedIn()));
  }

  @Test
  void approvalsComeFromThePacksOwnApproversAsManyAsItRequires() {
    PlatformPackConfig base = PlatformPackConfig.of(IBankPack.ibank());
    PlatformPack strict =
        base.toBuilder()
            .metadata(base.metadata().toBuilder().name("ibank-strict").build())
            .extensions(
                PackExtensions.builder()
                    .approvers(List.of("carol", "dave"))
                    .approvalsRequired(2)
                    .build())
            .build()
            .toPack();
    SampleWorkload w = SampleWorkload.forPacks(List.of(strict), "run3", SampleIdentities.DEFAULT);
    SampleCase approved = single(w, "ibank-strict", "pending approval -> approved");
    assertThat(approved.expected().get(1))
        .isEqualTo(Expect.by(Decision.ALLOWED, "APPROVED", "dave"));
    List<String> approvers = new ArrayList<>();
    List<String> releasers = new ArrayList<>();
    w.phases()
        .forEach(
            p ->
                p.steps()
                    .forEach(
                        s -> {
                          if (s instanceof SampleStep.Respond r
                              && r.operationId().equals(approved.operationId())
                              && r.response().getVerdict() == ApprovalVerdict.APPROVE) {
                            approvers.add(r.response().getApprover().getId());
                          }
                          if (s instanceof SampleStep.Release r
                              && r.release().getAction() == HoldAction.RELEASE) {
                            releasers.add(r.release().getReleasedBy().getId());
                          }
                        }));
    // the requester's own attempt first (refused and audited), then both listed approvers
    assertThat(approvers).containsExactly("bob", "carol", "dave");
    assertThat(releasers).isNotEmpty().containsOnly("carol");
  }
}
