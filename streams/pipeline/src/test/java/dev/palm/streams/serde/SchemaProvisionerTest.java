package dev.palm.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.AuditRecord;
import dev.palm.registry.CompatibilityLevel;
import dev.palm.registry.RegistryConfig;
import dev.palm.registry.SchemaRegistryClient;
import dev.palm.registry.TestProxies;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.wire.TopicLayout;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link SchemaProvisioner} against the real embedded registry. */
@Tag("integration")
class SchemaProvisionerTest {

  private static SchemaRegistryClient client() {
    return new SchemaRegistryClient(RegistryConfig.of(SharedInfra.registryUrl()));
  }

  @Test
  void registersEverySubjectOfThePipelineAndSetsBackwardTransitive() {
    TopicLayout layout = SharedInfra.uniqueLayout("provision");
    List<SchemaProvisioner.SubjectReport> reports =
        new SchemaProvisioner(client()).provision(layout, List.of("ibank", "mapleverse"));

    // five inputs, four topics per pack
    assertThat(reports).hasSize(5 + 2 * 4);
    SchemaRegistryClient check = client();
    for (SchemaProvisioner.SubjectReport report : reports) {
      assertThat(report.level()).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
      assertThat(check.subjectCompatibility(report.subject()))
          .contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
      assertThat(check.latest(report.subject()).orElseThrow().id()).isEqualTo(report.id());
    }
    assertThat(reports)
        .extracting(SchemaProvisioner.SubjectReport::subject)
        .contains(layout.audit("ibank").name() + "-value", layout.operations().name() + "-value");

    // a second start finds everything in place and changes nothing
    assertThat(new SchemaProvisioner(client()).provision(layout, List.of("ibank", "mapleverse")))
        .allSatisfy(r -> assertThat(r.levelSet()).isFalse())
        .extracting(SchemaProvisioner.SubjectReport::id)
        .containsExactlyElementsOf(
            reports.stream().map(SchemaProvisioner.SubjectReport::id).toList());
  }

  @Test
  void aStricterLevelIsKeptAndAWeakerOneThatMayNotBeChangedRefusesTheStartNamingTheSubject()
      throws Exception {
    String strict = SharedInfra.uniquePrefix("strict") + "-value";
    String weak = SharedInfra.uniquePrefix("weak") + "-value";
    SchemaRegistryClient admin = client();
    admin.register(strict, AuditRecord.getClassSchema());
    admin.setSubjectCompatibility(strict, CompatibilityLevel.FULL_TRANSITIVE);
    admin.register(weak, AuditRecord.getClassSchema());
    admin.setSubjectCompatibility(weak, CompatibilityLevel.BACKWARD);

    try (AutoCloseable proxy = TestProxies.forbidding(SharedInfra.registryUrl(), "PUT")) {
      SchemaRegistryClient limited =
          new SchemaRegistryClient(RegistryConfig.of(TestProxies.url(proxy)));
      SchemaProvisioner provisioner = new SchemaProvisioner(limited);

      SchemaProvisioner.SubjectReport kept =
          provisioner.provision(strict, SpecificData.get().getSchema(AuditRecord.class));
      assertThat(kept.level()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
      assertThat(kept.levelSet()).isFalse();

      assertThatThrownBy(
              () -> provisioner.provision(weak, SpecificData.get().getSchema(AuditRecord.class)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Subject '" + weak + "'")
          .hasMessageContaining("BACKWARD")
          .hasMessageContaining("BACKWARD_TRANSITIVE")
          .hasMessageContaining("HTTP 403");
    }
    assertThat(admin.subjectCompatibility(weak)).contains(CompatibilityLevel.BACKWARD);
  }

  @Test
  void anUnreachableRegistryIsAOneLineErrorNamingTheUrl() {
    SchemaProvisioner provisioner =
        new SchemaProvisioner(
            new SchemaRegistryClient(RegistryConfig.of("http://127.0.0.1:9/apis/ccompat/v7")));
    assertThatThrownBy(provisioner::requireReachable)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Cannot reach the schema registry at http://127.0.0.1:9/apis/ccompat/v7")
        .hasMessageContaining("--registry-url")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
