package dev.palm.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.events.AuditRecord;
import dev.palm.events.Decision;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.operations.InputBounds;
import dev.palm.streams.operations.ReasonCodes;
import dev.palm.wire.AvroJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regressions of issue 9 hole 6: an input whose strings are huge or full of control characters is
 * denied and audited in bounded form, and the pipeline goes on deciding (docs/decisions.md §1).
 */
class InputBoundsTest {

  /** Far under the producer's 1 MB request size, whatever the input held. */
  private static final int SMALL = 200_000;

  private PolicyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static String json(Object avro) {
    return AvroJson.toJsonLine(AvroJson.toJson((org.apache.avro.specific.SpecificRecord) avro));
  }

  @Test
  void aHugeControlCharacterJustificationIsDeniedInBoundedForm() {
    h = new PolicyHarness(CanonicalPack.all());
    OperationRequested op =
        OperationRequested.newBuilder(h.op("mapleverse", "create_deployment", "web").build())
            .setJustification("\u0001".repeat(300_000))
            .build();

    PolicyDecision d = h.decide(op);

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes())
        .containsExactly(ReasonCodes.INPUT_OUT_OF_BOUNDS, ReasonCodes.INPUT_OUT_OF_BOUNDS);
    assertThat(String.join("\n", d.getMessages()))
        .contains("justification: contains control or format characters")
        .contains("justification: 300000 characters; at most " + InputBounds.MAX_TEXT);
    List<AuditRecord> trail = h.audit("mapleverse");
    assertThat(trail).allSatisfy(r -> assertThat(json(r).length()).isLessThan(SMALL));
    Object stored =
        h.store(PolicyStores.OPERATIONS).get(StoreKeys.of("mapleverse", op.getOperationId()));
    assertThat(stored.toString().length()).isLessThan(SMALL);

    PolicyDecision next = h.decide(h.op("mapleverse", "create_deployment", "web").build());
    assertThat(next.getDecision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void idsAndParametersAreBoundedToo() {
    h = new PolicyHarness(CanonicalPack.all());
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      params.put("p" + i, "v".repeat(2_000));
    }
    OperationRequested op =
        OperationRequested.newBuilder(h.op("mapleverse", "restart", "d".repeat(100_000)).build())
            .setParameters(params)
            .build();

    PolicyDecision d = h.decide(op);

    assertThat(d.getDecision()).isEqualTo(Decision.DENIED);
    assertThat(d.getReasonCodes()).contains(ReasonCodes.INPUT_OUT_OF_BOUNDS);
    assertThat(d.getDeploymentId()).hasSize(InputBounds.MAX_ID);
    assertThat(json(d).length()).isLessThan(SMALL);
    assertThat(h.audit("mapleverse"))
        .allSatisfy(r -> assertThat(json(r).length()).isLessThan(SMALL));
  }

  @Test
  void aHugeAnswerIsRefusedInBoundedForm() {
    h = new PolicyHarness(CanonicalPack.all());
    PolicyDecision pending =
        h.decide(h.op("ibank", "create_deployment", "dep-1").replicas(3).build());
    assertThat(h.approve("ibank", "x".repeat(500_000), "bob")).isEmpty();
    AuditRecord refused = h.audit("ibank").get(h.audit("ibank").size() - 1);
    assertThat(refused.getReasonCodes()).containsExactly(ReasonCodes.APPROVAL_NOT_PENDING);
    assertThat(json(refused).length()).isLessThan(SMALL);
    assertThat(h.approve("ibank", pending.getOperationId(), "bob"))
        .singleElement()
        .extracting(PolicyDecision::getDecision)
        .isEqualTo(Decision.ALLOWED);
  }
}
