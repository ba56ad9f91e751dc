package dev.palm.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.streams.query.AuditTrails;
import dev.palm.streams.topics.TopicPolicyViolation;
import dev.palm.streams.topics.TopicRepair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline service's start-up rules, against the shared broker and registry. */
@Tag("integration")
class PalmServiceTest {

  @TempDir Path temp;

  @Test
  void refusesAWeakAuditTopicAndRepairsItWithARecordInThatPacksChainOnly() throws Exception {
    PipelineConfig config = TestPipelines.config("repair");
    String auditTopic = config.layout().audit("ibank").name();
    try (Admin admin = Admin.create(SharedInfra.kafka().clientConfig())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(auditTopic, 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get(30, TimeUnit.SECONDS);

      List<PlatformPack> packs = List.of(IBankPack.ibank(), MapleversePack.mapleverse());
      try (PalmService refused = PalmService.create(config, packs)) {
        assertThatThrownBy(refused::start)
            .isInstanceOf(TopicPolicyViolation.class)
            .hasMessageContaining(auditTopic)
            .hasMessageContaining("cleanup.policy")
            .hasMessageContaining("--repair");
        assertThat(refused.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
      }
      // refusing changed nothing: the topic is still compacted and no other topic was created
      assertThat(cleanupPolicy(admin, auditTopic)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .doesNotContain(config.layout().operations().name());

      PipelineConfig repairing =
          PipelineConfig.builder()
              .bootstrapServers(config.bootstrapServers())
              .registryUrl(config.registryUrl())
              .stateDir(config.stateDir())
              .applicationId(config.applicationId())
              .topicPrefix(config.topicPrefix())
              .repair(true)
              .build();
      try (PalmService service = PalmService.create(repairing, packs)) {
        List<TopicRepair> repairs = service.start().repairs();
        // compaction and the too-short default retention were both repaired
        assertThat(repairs).extracting(TopicRepair::topic).containsOnly(auditTopic);
        assertThat(repairs)
            .extracting(TopicRepair::setting)
            .contains(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG);
        assertThat(cleanupPolicy(admin, auditTopic)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);

        AuditTrails trails =
            new AuditTrails(
                service.clientProperties(),
                service.serdes(),
                service.layout(),
                Duration.ofSeconds(30));
        AuditTrails.PackAudit ibank =
            awaitEvent(trails, IBankPack.ibank(), AuditEventType.PIPELINE_STARTED);
        List<AuditRecord> repaired =
            ibank.kept().stream()
                .filter(r -> r.getEventType() == AuditEventType.TOPIC_REPAIRED)
                .toList();
        assertThat(repaired)
            .hasSameSizeAs(repairs)
            .allSatisfy(r -> assertThat(r.getActorId()).isEqualTo("palm-system"));
        assertThat(repaired)
            .anySatisfy(
                r ->
                    assertThat(r.getDetails())
                        .anySatisfy(
                            d -> {
                              assertThat(d.getKey()).isEqualTo("topic.before");
                              assertThat(d.getValue())
                                  .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                            }));
        assertThat(ibank.verification().intact()).isTrue();
        AuditTrails.PackAudit mapleverse =
            awaitEvent(trails, MapleversePack.mapleverse(), AuditEventType.PIPELINE_STARTED);
        assertThat(mapleverse.kept())
            .extracting(AuditRecord::getEventType)
            .doesNotContain(AuditEventType.TOPIC_REPAIRED);
      }
    } finally {
      TestPipelines.delete(config.stateDir());
    }
  }

  @Test
  void refusesAnInvalidPackBeforeTouchingKafka() throws Exception {
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers("127.0.0.1:1") // nothing listens: the check must come first
            .registryUrl("http://127.0.0.1:2")
            .stateDir(temp.resolve("state"))
            .build();
    PlatformPack invalid = PlatformPackConfig.defaults().toPack();
    try (PalmService service = PalmService.create(config, List.of(invalid))) {
      assertThatThrownBy(service::start)
          .isInstanceOf(PackException.class)
          .hasMessageContaining("Refusing to enforce invalid packs");
    }
    assertThat(Files.exists(temp.resolve("state"))).isFalse();
  }

  @Test
  void registrySettingsOfTheClientConfigGoToTheSerdesAndTheRestToKafka() throws Exception {
    Path clientConfig = temp.resolve("client.properties");
    Files.writeString(
        clientConfig,
        String.join(
            "\n",
            "bootstrap.servers=broker-1:9093",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=PLAIN",
            "basic.auth.credentials.source=USER_INFO",
            "basic.auth.user.info=palm:secret",
            ""));
    PipelineConfig config =
        PipelineConfig.builder()
            .clientConfigFile(Optional.of(clientConfig))
            .registryUrl("https://registry.example:8443")
            .stateDir(temp.resolve("state"))
            .build();
    Map<String, Object> kafka = config.kafkaClientProperties();
    assertThat(kafka)
        .containsEntry("bootstrap.servers", "broker-1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN");
    Map<String, Object> serde = PalmService.serdeConfig(config.registryUrl(), kafka);
    assertThat(serde)
        .containsEntry("basic.auth.user.info", "palm:secret")
        .containsEntry("basic.auth.credentials.source", "USER_INFO")
        .containsEntry("schema.registry.url", "https://registry.example:8443")
        .doesNotContainKey("sasl.mechanism");

    PipelineConfig flagWins =
        PipelineConfig.builder()
            .bootstrapServers("other:9092")
            .clientConfigFile(Optional.of(clientConfig))
            .registryUrl("http://r:8080")
            .stateDir(temp.resolve("state"))
            .build();
    assertThat(flagWins.effectiveBootstrapServers()).isEqualTo("other:9092");
    assertThat(flagWins.effectiveSigningKeyFile())
        .isEqualTo(temp.resolve("state").resolve("checkpoint-signing-key.pem"));
  }

  @Test
  void withoutBootstrapServersAnywhereTheConfigurationSaysWhatToGive() {
    PipelineConfig config =
        PipelineConfig.builder().registryUrl("http://r:8080").stateDir(temp).build();
    assertThatThrownBy(config::kafkaClientProperties)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--bootstrap-servers");
    assertThatThrownBy(
            () ->
                PipelineConfig.builder()
                    .registryUrl("http://r:8080")
                    .stateDir(temp)
                    .applicationId("no spaces allowed")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application id");
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
        .value();
  }

  @Test
  void refusesAnotherSigningKeyThanTheLatestCheckpointsUnlessTheRotationIsAsked() throws Exception {
    PipelineConfig config = TestPipelines.config("signing-key");
    List<PlatformPack> packs = List.of(TestPipelines.packs(true).get(3));
    String pack = packs.get(0).metadata().name();
    String firstKey;
    try {
      try (PalmService first = PalmService.create(config, packs)) {
        first.start();
        firstKey = first.signer().orElseThrow().keyId();
        AuditTrails trails =
            new AuditTrails(
                first.clientProperties(), first.serdes(), first.layout(), Duration.ofSeconds(30));
        // quickverse checkpoints every 10 s; its start-up record gets one
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (trails.read(packs.get(0), r -> false).checkpoints() == 0) {
          assertThat(System.nanoTime()).as("a checkpoint within 60 s").isLessThan(deadline);
          Thread.sleep(500);
        }
      }
      PipelineConfig otherKey = withKey(config, temp.resolve("other-key.pem"), false);
      try (PalmService refused = PalmService.create(otherKey, packs)) {
        assertThatThrownBy(refused::start)
            .isInstanceOf(SigningKeyChangedException.class)
            .hasMessageContaining("pack '" + pack + "' were signed by key " + firstKey)
            .hasMessageContaining("--rotate-signing-key");
      }
      try (PalmService rotated =
          PalmService.create(withKey(config, temp.resolve("other-key.pem"), true), packs)) {
        rotated.start();
        String newKey = rotated.signer().orElseThrow().keyId();
        assertThat(newKey).isNotEqualTo(firstKey);
        AuditTrails trails =
            new AuditTrails(
                rotated.clientProperties(),
                rotated.serdes(),
                rotated.layout(),
                Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<AuditRecord> starts = List.of();
        while (starts.size() < 2 && System.nanoTime() < deadline) {
          starts =
              trails
                  .read(packs.get(0), r -> r.getEventType() == AuditEventType.PIPELINE_STARTED)
                  .kept();
          Thread.sleep(200);
        }
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).getDetails())
            .extracting(d -> d.getKey() + "=" + d.getValue())
            .contains(
                "checkpoint.signing_key_rotated_from=" + firstKey,
                "checkpoint.signing_key_id=" + newKey,
                "checkpoint.signing_key_created=true");
      }
    } finally {
      TestPipelines.delete(config.stateDir());
    }
  }

  private static PipelineConfig withKey(PipelineConfig c, Path keyFile, boolean rotate) {
    return PipelineConfig.builder()
        .bootstrapServers(c.bootstrapServers().orElseThrow())
        .registryUrl(c.registryUrl())
        .stateDir(c.stateDir())
        .applicationId(c.applicationId())
        .topicPrefix(c.topicPrefix())
        .commitInterval(c.commitInterval())
        .signingKeyFile(Optional.of(keyFile))
        .rotateSigningKey(rotate)
        .build();
  }

  /**
   * Reads the pack's trail until a record of {@code type} is committed (start-up events come at the
   * first tick).
   */
  @Test
  void retentionWeakenedWhileRunningIsAlertedAndAuditedInThatPacksChain() throws Exception {
    PipelineConfig base = TestPipelines.config("guard");
    PipelineConfig config =
        PipelineConfig.builder()
            .bootstrapServers(base.bootstrapServers())
            .registryUrl(base.registryUrl())
            .stateDir(temp.resolve("guard"))
            .applicationId(base.applicationId())
            .topicPrefix(base.topicPrefix())
            .topicGuardInterval(Duration.ofMillis(500))
            .build();
    List<PlatformPack> packs = List.of(IBankPack.ibank(), MapleversePack.mapleverse());
    try (PalmService service = PalmService.create(config, packs);
        Admin admin = Admin.create(service.clientProperties())) {
      service.start();
      String auditTopic = config.layout().audit("ibank").name();
      // iBank keeps its audit records forever; someone shortens that to one hour while it runs
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, auditTopic),
                  List.of(
                      new org.apache.kafka.clients.admin.AlterConfigOp(
                          new org.apache.kafka.clients.admin.ConfigEntry(
                              TopicConfig.RETENTION_MS_CONFIG, "3600000"),
                          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
          .all()
          .get(30, TimeUnit.SECONDS);

      AuditTrails trails =
          new AuditTrails(
              service.clientProperties(),
              service.serdes(),
              service.layout(),
              Duration.ofSeconds(30));
      AuditTrails.PackAudit ibank =
          awaitEvent(trails, IBankPack.ibank(), AuditEventType.TOPIC_WEAKENED);
      List<AuditRecord> weakened =
          ibank.kept().stream()
              .filter(r -> r.getEventType() == AuditEventType.TOPIC_WEAKENED)
              .toList();
      assertThat(weakened)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getReasonCodes()).contains("TOPIC_WEAKENED");
                assertThat(r.getDetails())
                    .contains(
                        new dev.palm.events.AuditDetail("topic", auditTopic),
                        new dev.palm.events.AuditDetail(
                            "topic.setting", TopicConfig.RETENTION_MS_CONFIG),
                        new dev.palm.events.AuditDetail("topic.found", "3600000"));
              });
      assertThat(ibank.verification().intact()).isTrue();
      // found on every check, recorded once
      Thread.sleep(1_500);
      assertThat(
              trails.read(IBankPack.ibank(), r -> true).kept().stream()
                  .filter(r -> r.getEventType() == AuditEventType.TOPIC_WEAKENED)
                  .count())
          .isEqualTo(1);
      AuditTrails.PackAudit mapleverse =
          awaitEvent(trails, MapleversePack.mapleverse(), AuditEventType.PIPELINE_STARTED);
      assertThat(mapleverse.byEventType()).doesNotContainKey(AuditEventType.TOPIC_WEAKENED);
    }
  }

  private static AuditTrails.PackAudit awaitEvent(
      AuditTrails trails, PlatformPack pack, AuditEventType type) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      AuditTrails.PackAudit audit = trails.read(pack, r -> true);
      Set<AuditEventType> types = audit.byEventType().keySet();
      if (types.contains(type) || System.nanoTime() > deadline) {
        return audit;
      }
      Thread.sleep(200);
    }
  }
}
