package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.ChainHead;
import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.canonical.IBankPack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Startup events: recorded exactly once per pack and start, and ahead of anything else the task
 * records.
 */
class StartupEventsTest {

  private static final List<PlatformPack> PACKS = CanonicalPack.all();

  @Test
  void aStartIsRecordedOnceWhenItsTaskIsReinitialised() {
    PolicyOptions firstStart =
        new PolicyOptions(Duration.ofMillis(1)).withStartupEvents(start("start-1"));
    List<AuditRecord> recorded;
    Map<String, Map<String, Object>> state;
    try (PolicyHarness h = new PolicyHarness(PACKS, firstStart)) {
      h.advance(Duration.ofMillis(5));
      recorded = h.audit("ibank");
      assertThat(recorded)
          .extracting(AuditRecord::getEventType)
          .containsExactly(AuditEventType.PIPELINE_STARTED, AuditEventType.TOPIC_REPAIRED);
      assertThat(
              h.<AuditIndex>store(PolicyStores.STARTUP_AUDIT).get(StoreKeys.of("ibank", "start-1")))
          .isEqualTo(new AuditIndex(List.of(0L, 1L)));
      state = h.policyState();
    }

    // The same options on the restored state, as for a task re-initialised after a rebalance:
    // nothing repeats.
    try (PolicyHarness h = new PolicyHarness(PACKS, firstStart)) {
      h.restore(state);
      h.advance(Duration.ofMillis(5));
      h.advance(Duration.ofMillis(5));
      assertThat(h.audit("ibank")).isEmpty();
      assertThat(h.audit("mapleverse")).isEmpty();
      PolicyDecision decision = h.decide(h.op("ibank", "restart", "nope").build());
      assertThat(h.audit("ibank"))
          .first()
          .satisfies(
              r -> {
                assertThat(r.getSequence()).isEqualTo(2);
                assertThat(r.getPrevHash()).isEqualTo(recorded.get(1).getHash());
              });
      assertThat(h.audit("ibank"))
          .extracting(AuditRecord::getEventType)
          .doesNotContain(AuditEventType.PIPELINE_STARTED, AuditEventType.TOPIC_REPAIRED);
      assertThat(decision.getAuditSequence()).isGreaterThanOrEqualTo(2L);
      state = h.policyState();
    }

    // A new start is recorded, once, after what the earlier runs wrote.
    try (PolicyHarness h =
        new PolicyHarness(PACKS, firstStart.withStartupEvents(start("start-2")))) {
      h.restore(state);
      long next = h.<ChainHead>store(PolicyStores.CHAIN_HEADS).get("ibank").nextSequence();
      h.advance(Duration.ofMillis(5));
      h.advance(Duration.ofMillis(5));
      assertThat(h.audit("ibank"))
          .extracting(AuditRecord::getSequence)
          .containsExactly(next, next + 1);
      assertThat(
              h.<AuditIndex>store(PolicyStores.STARTUP_AUDIT).get(StoreKeys.of("ibank", "start-2")))
          .isEqualTo(new AuditIndex(List.of(next, next + 1)));
    }
  }

  @Test
  void anInputBeforeTheFirstTickCarriesTheStartupEventsAheadOfItsDecision() {
    // Timers far apart: the input arrives long before the first tick.
    PolicyOptions options =
        new PolicyOptions(Duration.ofHours(1)).withStartupEvents(start("start-1"));
    try (PolicyHarness h = new PolicyHarness(PACKS, options)) {
      PolicyDecision decision = h.decide(h.op("ibank", "restart", "nope").build());

      List<AuditRecord> trail = h.audit("ibank");
      assertThat(trail)
          .extracting(AuditRecord::getEventType)
          .startsWith(AuditEventType.PIPELINE_STARTED, AuditEventType.TOPIC_REPAIRED);
      assertThat(decision.getAuditSequence()).isGreaterThan(1L);
      assertThat(h.audit("mapleverse")).isEmpty();

      h.advance(Duration.ofHours(1));
      h.advance(Duration.ofHours(1));
      // The tick records only the packs that had no input; ibank's events are not written again.
      assertThat(h.audit("ibank")).hasSameSizeAs(trail);
      assertThat(h.audit("mapleverse"))
          .extracting(AuditRecord::getEventType)
          .containsExactly(AuditEventType.PIPELINE_STARTED);
      assertThat(h.verifyChain("ibank").intact()).isTrue();
      assertThat(h.verifyChain("mapleverse").intact()).isTrue();
    }
  }

  @Test
  void aFailedFirstInputDoesNotHoldBackTheStartupEvents() {
    PolicyOptions options =
        new PolicyOptions(Duration.ofHours(1)).withStartupEvents(start("start-1"));
    try (PolicyHarness h =
        new PolicyHarness(List.of(new DeadLetterTest.Fragile(IBankPack.presetConfig())), options)) {
      h.send(
          h.op("ibank", "create_deployment", "dep-1")
              .replicas(3)
              .spec("boom", "1.0.0", 10, 10)
              .build());

      assertThat(h.deadLetters()).hasSize(1);
      assertThat(h.audit("ibank"))
          .extracting(AuditRecord::getEventType)
          .containsExactly(AuditEventType.PIPELINE_STARTED, AuditEventType.TOPIC_REPAIRED);
      PolicyDecision next =
          h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
      assertThat(h.auditRecord("ibank", 2).getOperationId()).isEqualTo(next.getOperationId());
      h.advance(Duration.ofHours(1));
      assertThat(h.audit("ibank"))
          .extracting(AuditRecord::getEventType)
          .containsOnlyOnce(AuditEventType.PIPELINE_STARTED, AuditEventType.TOPIC_REPAIRED);
      assertThat(h.verifyChain("ibank").intact()).isTrue();
    }
  }

  /**
   * What the service records at a start: the pipeline started for both packs, a topic repaired for
   * ibank.
   */
  private static List<SystemEvent> start(String startId) {
    Map<String, String> started = Map.of(SystemEvent.START_ID, startId);
    return List.of(
        new SystemEvent(
            "ibank",
            AuditEventType.PIPELINE_STARTED,
            "PIPELINE_STARTED",
            "pipeline 'test' started enforcing pack 'ibank'",
            started),
        new SystemEvent(
            "ibank",
            AuditEventType.TOPIC_REPAIRED,
            "TOPIC_REPAIRED",
            "topic palm.ibank.audit: retention.ms changed from 604800000 to -1 (--repair)",
            Map.of("topic", "palm.ibank.audit", SystemEvent.START_ID, startId)),
        new SystemEvent(
            "mapleverse",
            AuditEventType.PIPELINE_STARTED,
            "PIPELINE_STARTED",
            "pipeline 'test' started enforcing pack 'mapleverse'",
            started));
  }
}
