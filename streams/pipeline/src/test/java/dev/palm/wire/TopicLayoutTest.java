package dev.palm.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.AuditRecord;
import dev.palm.events.Checkpoint;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.canonical.IBankPack;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  private final TopicLayout layout = TopicLayout.defaults();

  @Test
  void namesFollowDesignSection3() {
    assertThat(layout.operations().name()).isEqualTo("palm.operations");
    assertThat(layout.approvalResponses().name()).isEqualTo("palm.approvals.responses");
    assertThat(layout.holdReleases().name()).isEqualTo("palm.holds.releases");
    assertThat(layout.approvalGrants().name()).isEqualTo("palm.approvals.grants");
    assertThat(layout.outcomes().name()).isEqualTo("palm.outcomes");
    assertThat(layout.decisions("ibank").name()).isEqualTo("palm.ibank.decisions");
    assertThat(layout.approvals("ibank").name()).isEqualTo("palm.ibank.approvals");
    assertThat(layout.audit("ibank").name()).isEqualTo("palm.ibank.audit");
    assertThat(layout.checkpoints("ibank").name()).isEqualTo("palm.ibank.checkpoints");
    assertThat(layout.dlq().name()).isEqualTo("palm.dlq");
    assertThat(layout.audit(IBankPack.ibank().metadata().name())).isEqualTo(layout.audit("ibank"));
  }

  @Test
  void everyTopicCarriesItsTypesRoleAndPack() {
    TopicSpec<String, AuditRecord> audit = layout.audit("ibank");
    assertThat(audit.valueType()).isEqualTo(AuditRecord.class);
    assertThat(audit.keyType()).isEqualTo(String.class);
    assertThat(audit.role()).isEqualTo(TopicRole.AUDIT);
    assertThat(audit.pack()).contains("ibank");
    assertThat(layout.operations().valueType()).isEqualTo(OperationRequested.class);
    assertThat(layout.operations().pack()).isEmpty();
    assertThat(layout.decisions("x").valueType()).isEqualTo(PolicyDecision.class);
    assertThat(layout.checkpoints("x").valueType()).isEqualTo(Checkpoint.class);
    assertThat(layout.dlq().valueType()).isEqualTo(byte[].class);
    assertThat(layout.dlq().keyType()).isEqualTo(byte[].class);
  }

  @Test
  void serdesFollowTheTypes() {
    PalmSerdes serdes = PalmSerdes.forRegistry("http://127.0.0.1:1");
    assertThat(layout.dlq().valueSerde(serdes).getClass()).isEqualTo(Serdes.ByteArray().getClass());
    assertThat(layout.audit("ibank").keySerde().getClass()).isEqualTo(Serdes.String().getClass());
    // a registry-backed serde: serializing would contact the registry, so only its presence is
    // checked
    assertThat(layout.audit("ibank").valueSerde(serdes).serializer()).isNotNull();
  }

  @Test
  void allListsInputsThenEachPackThenTheDeadLetterTopic() {
    List<String> names = layout.all(List.of("a", "b", "a")).stream().map(TopicSpec::name).toList();
    assertThat(names)
        .containsExactly(
            "palm.operations",
            "palm.approvals.responses",
            "palm.approvals.grants",
            "palm.holds.releases",
            "palm.outcomes",
            "palm.a.decisions",
            "palm.a.approvals",
            "palm.a.audit",
            "palm.a.checkpoints",
            "palm.b.decisions",
            "palm.b.approvals",
            "palm.b.audit",
            "palm.b.checkpoints",
            "palm.dlq");
  }

  @Test
  void findMapsANameBackToItsSpec() {
    TopicLayout test = TopicLayout.withPrefix("t-1.run");
    assertThat(test.find("t-1.run.ibank.audit")).contains(test.audit("ibank"));
    assertThat(test.find("t-1.run.approvals.responses")).contains(test.approvalResponses());
    assertThat(test.find("t-1.run.acme.eu.approvals")).contains(test.approvals("acme.eu"));
    assertThat(test.find("t-1.run.dlq")).contains(test.dlq());
    assertThat(test.find("palm.ibank.audit")).isEmpty();
    assertThat(test.find("t-1.run.ibank.unknown")).isEmpty();
  }

  @Test
  void illegalPrefixesAndPackNamesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> TopicLayout.withPrefix("palm prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'palm prod'");
    assertThatThrownBy(() -> layout.audit("my pack"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pack name 'my pack'");
    assertThatThrownBy(() -> layout.audit("a..b")).isInstanceOf(IllegalArgumentException.class);
  }
}
