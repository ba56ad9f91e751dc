package dev.palm.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.PlatformPack;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.wire.TopicLayout;
import dev.palm.wire.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TopicProvisionerTest {

  private static final long DAY = 86_400_000L;
  private static final List<PlatformPack> CANONICAL =
      List.of(MapleversePack.mapleverse(), FinalversePack.finalverse(), IBankPack.ibank());

  private static Admin admin;

  @BeforeAll
  static void connect() {
    admin = Admin.create(SharedInfra.kafka().clientConfig());
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void createsEveryTopicWithThePackDerivedConfigs() throws Exception {
    TopicLayout layout = SharedInfra.uniqueLayout("create");
    TopicProvisioner provisioner = TopicProvisioner.builder(layout).build();

    ProvisioningReport report = provisioner.provision(admin, CANONICAL, false);

    List<String> expected =
        layout.all(List.of("mapleverse", "finalverse", "ibank")).stream()
            .map(TopicSpec::name)
            .toList();
    assertThat(report.created()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.verified()).isEmpty();
    assertThat(report.repairs()).isEmpty();
    assertThat(report.warnings()).isEmpty();

    Map<String, TopicDescription> descriptions =
        admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
    assertThat(descriptions.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(1));

    assertThat(configs(layout.audit("ibank").name()))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "-1")
        .containsEntry("retention.bytes", "-1");
    assertThat(configs(layout.checkpoints("ibank").name()))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "-1")
        .containsEntry("compression.type", "zstd");
    assertThat(configs(layout.decisions("ibank").name()))
        .containsEntry("retention.ms", Long.toString(365 * DAY));
    assertThat(configs(layout.approvals("ibank").name()))
        .containsEntry("retention.ms", Long.toString(365 * DAY));

    assertThat(configs(layout.audit("mapleverse").name()))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30 * DAY));
    // checkpoints outlive the audit records they sign
    assertThat(configs(layout.checkpoints("mapleverse").name()))
        .containsEntry("retention.ms", Long.toString(30 * DAY))
        .containsEntry("compression.type", "lz4");
    assertThat(configs(layout.decisions("mapleverse").name()))
        .containsEntry("retention.ms", Long.toString(7 * DAY));

    assertThat(configs(layout.audit("finalverse").name()))
        .containsEntry("retention.ms", Long.toString(365 * DAY));
    assertThat(configs(layout.checkpoints("finalverse").name()))
        .containsEntry("retention.ms", Long.toString(365 * DAY))
        .containsEntry("compression.type", "zstd");

    assertThat(configs(layout.dlq().name()))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30 * DAY));
    assertThat(configs(layout.operations().name())).containsEntry("cleanup.policy", "delete");

    ProvisioningReport again = provisioner.provision(admin, CANONICAL, false);
    assertThat(again.created()).isEmpty();
    assertThat(again.verified()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(again.warnings()).isEmpty();
  }

  @Test
  void refusesACompactedShortAuditTopicAndRepairFixesIt() throws Exception {
    TopicLayout layout = SharedInfra.uniqueLayout("refuse");
    String audit = layout.audit("ibank").name();
    String checkpoints = layout.checkpoints("ibank").name();
    createTopic(audit, Map.of("cleanup.policy", "compact", "retention.ms", Long.toString(DAY)));
    createTopic(checkpoints, Map.of("retention.bytes", "1048576", "compression.type", "gzip"));
    TopicProvisioner provisioner = TopicProvisioner.builder(layout).build();

    assertThatThrownBy(() -> provisioner.provision(admin, List.of(IBankPack.ibank()), false))
        .isInstanceOfSatisfying(
            TopicPolicyViolation.class,
            e -> {
              assertThat(e.violations())
                  .extracting(
                      TopicSettingMismatch::topic,
                      TopicSettingMismatch::setting,
                      TopicSettingMismatch::found,
                      TopicSettingMismatch::required)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple(
                          audit, "cleanup.policy", "compact", "delete"),
                      org.assertj.core.groups.Tuple.tuple(
                          audit, "retention.ms", Long.toString(DAY), "-1"),
                      org.assertj.core.groups.Tuple.tuple(
                          checkpoints, "retention.bytes", "1048576", "-1"),
                      org.assertj.core.groups.Tuple.tuple(
                          checkpoints, "retention.ms", Long.toString(7 * DAY), "-1"));
              assertThat(e.getMessage())
                  .contains("topic " + audit + ": cleanup.policy is compact, required delete")
                  .contains("topic " + audit + ": retention.ms is 86400000, required -1")
                  .contains("--repair");
            });
    // a refusal changes nothing: the other topics were not created
    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
        .doesNotContain(layout.operations().name(), layout.decisions("ibank").name());

    ProvisioningReport repaired = provisioner.provision(admin, List.of(IBankPack.ibank()), true);

    assertThat(repaired.repairs())
        .containsExactly(
            new TopicRepair(audit, "cleanup.policy", "compact", "delete"),
            new TopicRepair(audit, "retention.ms", Long.toString(DAY), "-1"),
            new TopicRepair(checkpoints, "compression.type", "gzip", "zstd"),
            new TopicRepair(checkpoints, "retention.bytes", "1048576", "-1"),
            new TopicRepair(checkpoints, "retention.ms", Long.toString(7 * DAY), "-1"));
    assertThat(repaired.verified()).containsExactlyInAnyOrder(audit, checkpoints);
    assertThat(repaired.created())
        .contains(layout.operations().name(), layout.decisions("ibank").name());
    assertThat(configs(audit))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "-1");
    assertThat(configs(checkpoints))
        .containsEntry("retention.bytes", "-1")
        .containsEntry("compression.type", "zstd");

    ProvisioningReport after = provisioner.provision(admin, List.of(IBankPack.ibank()), false);
    assertThat(after.repairs()).isEmpty();
    assertThat(after.warnings()).isEmpty();
  }

  @Test
  void longerRetentionIsKeptAndWeakDecisionTopicsOnlyWarn() throws Exception {
    TopicLayout layout = SharedInfra.uniqueLayout("warn");
    String audit = layout.audit("mapleverse").name();
    String decisions = layout.decisions("mapleverse").name();
    createTopic(audit, Map.of("retention.ms", Long.toString(400 * DAY)));
    createTopic(decisions, Map.of("retention.ms", Long.toString(DAY)));
    TopicProvisioner provisioner = TopicProvisioner.builder(layout).build();

    ProvisioningReport report =
        provisioner.provision(admin, List.of(MapleversePack.mapleverse()), false);

    assertThat(report.warnings())
        .containsExactly(
            new TopicSettingMismatch(
                decisions, "retention.ms", Long.toString(DAY), Long.toString(7 * DAY), false));
    assertThat(configs(audit)).containsEntry("retention.ms", Long.toString(400 * DAY));
    assertThat(provisioner.check(admin, List.of(MapleversePack.mapleverse())))
        .extracting(TopicSettingMismatch::topic)
        .containsExactly(decisions);

    ProvisioningReport repaired =
        provisioner.provision(admin, List.of(MapleversePack.mapleverse()), true);
    assertThat(repaired.repairs())
        .containsExactly(
            new TopicRepair(decisions, "retention.ms", Long.toString(DAY), Long.toString(7 * DAY)));
    assertThat(configs(audit))
        .as("longer retention is never shortened")
        .containsEntry("retention.ms", Long.toString(400 * DAY));
  }

  @Test
  void duplicatePackNamesAreRejected() {
    TopicProvisioner provisioner = TopicProvisioner.builder(TopicLayout.defaults()).build();
    assertThatThrownBy(
            () -> provisioner.requirements(List.of(IBankPack.ibank(), IBankPack.ibank())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ibank'");
  }

  @Test
  void partitionsAndReplicationAreConfigurable() {
    TopicProvisioner provisioner =
        TopicProvisioner.builder(TopicLayout.defaults())
            .inputPartitions(6)
            .packTopicPartitions(1)
            .replicationFactor((short) 3)
            .build();
    List<TopicRequirement> requirements = provisioner.requirements(List.of(IBankPack.ibank()));
    Set<String> sixPartitions =
        requirements.stream()
            .filter(r -> r.partitions() == 6)
            .map(TopicRequirement::name)
            .collect(Collectors.toSet());
    assertThat(sixPartitions)
        .containsExactlyInAnyOrder(
            "palm.operations",
            "palm.approvals.responses",
            "palm.approvals.grants",
            "palm.holds.releases",
            "palm.outcomes",
            "palm.dlq");
    assertThat(requirements).allSatisfy(r -> assertThat(r.replicationFactor()).contains((short) 3));
    assertThatThrownBy(
            () -> TopicProvisioner.builder(TopicLayout.defaults()).inputPartitions(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void createTopic(String name, Map<String, String> configs) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs)))
        .all()
        .get(30, TimeUnit.SECONDS);
    // The broker answers createTopics before its metadata cache lists the topic with its configs;
    // wait for
    // that, as an operator's long-existing topic would be, so the provisioner sees what the test
    // set up.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)
          && configs(name).entrySet().containsAll(configs.entrySet())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "topic " + name + " did not appear with configs " + configs + " within 30 s");
  }

  private static Map<String, String> configs(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    return config.entries().stream()
        .filter(e -> e.value() != null)
        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
  }
}
