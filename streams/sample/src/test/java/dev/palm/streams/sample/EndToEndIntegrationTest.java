package dev.palm.streams.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.AuditEventType;
import dev.palm.events.Decision;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.query.AuditTrails;
import dev.palm.streams.service.PalmService;
import dev.palm.streams.service.PipelineConfig;
import dev.palm.streams.service.TestPipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole flow against the real in-process broker and the real registry: the pipeline service
 * with the three canonical packs and the short-timer demonstration pack, the sample workload with
 * every decision path, and the audit trails read back from the topics and verified.
 */
@Tag("integration")
class EndToEndIntegrationTest {

  @Test
  void everyDecisionPathOfEveryPackIsDecidedAsThePackDemandsAndEveryChainVerifies()
      throws Exception {
    List<PlatformPack> packs = TestPipelines.packs(true);
    SampleKeys keys = SampleKeys.generate(SampleIdentities.DEFAULT, packs);
    PipelineConfig config = TestPipelines.config("e2e").withKeyring(keys.keyring());
    List<String> progress = new ArrayList<>();
    WorkloadReport report;
    try (PalmService service = PalmService.create(config, packs)) {
      service.start();
      SampleWorkload workload = SampleWorkload.forPacks(packs);
      try (WorkloadDriver driver =
          new WorkloadDriver(
              service.clientProperties(),
              service.serdes(),
              service.layout(),
              packs,
              Duration.ofSeconds(60),
              progress::add,
              keys)) {
        report = driver.run(workload);
      }
    } finally {
      TestPipelines.delete(config.stateDir());
    }
    progress.forEach(System.out::println);

    assertThat(report.allProblems()).isEmpty();
    assertThat(report.succeeded()).isTrue();
    // every pack's operations reached every kind of outcome its rules allow
    Set<String> paths =
        report.cases().stream()
            .map(c -> c.sampleCase().pack() + ": " + c.sampleCase().path())
            .collect(Collectors.toSet());
    assertThat(paths)
        .contains(
            "ibank: held -> released -> allowed",
            "ibank: held -> cancelled",
            "ibank: pending approval -> approved",
            "ibank: pending approval -> rejected",
            "finalverse: held -> released -> pending approval -> rejected",
            "mapleverse: denied: limit",
            "quickverse: pending approval -> expired",
            "quickverse: held -> auto-released");
    for (WorkloadReport.PackOutcome outcome : report.packs()) {
      assertThat(outcome.count(Decision.ALLOWED)).as(outcome.pack() + " allowed").isPositive();
      assertThat(outcome.count(Decision.DENIED)).as(outcome.pack() + " denied").isPositive();
    }
    assertThat(report.bursts()).hasSize(4).allSatisfy(b -> assertThat(b.denied()).isPositive());
    // the escalations of the demonstration pack reached both levels before the request expired
    assertThat(report.cases())
        .filteredOn(c -> c.sampleCase().path().equals("pending approval -> expired"))
        .singleElement()
        .satisfies(c -> assertThat(c.escalations()).containsExactly(1, 2));
    for (AuditTrails.PackAudit audit : report.audits()) {
      assertThat(audit.verification().intact())
          .as(audit.pack() + ": " + audit.verification().message())
          .isTrue();
      assertThat(audit.records()).as(audit.pack() + " audit records").isPositive();
      assertThat(audit.byEventType())
          .as(audit.pack() + ": the start is recorded in the chain")
          .containsEntry(AuditEventType.PIPELINE_STARTED, 1L);
    }
  }
}
