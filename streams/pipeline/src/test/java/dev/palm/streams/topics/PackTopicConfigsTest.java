package dev.palm.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.packs.CompressionAlgorithm;
import dev.palm.packs.canonical.FinalversePack;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackTopicConfigsTest {

  private static final long DAY = 86_400_000L;

  @Test
  void ibankKeepsAuditAndCheckpointsForeverBecauseAutoCleanupIsOff() {
    IBankPack ibank = IBankPack.ibank();
    assertThat(PackTopicConfigs.audit(ibank))
        .isEqualTo(
            Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
    assertThat(PackTopicConfigs.checkpoints(ibank))
        .isEqualTo(
            Map.of(
                "cleanup.policy",
                "delete",
                "retention.ms",
                "-1",
                "retention.bytes",
                "-1",
                "compression.type",
                "zstd"));
    assertThat(PackTopicConfigs.decisions(ibank))
        .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(365 * DAY)));
    assertThat(PackTopicConfigs.approvals(ibank))
        .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(365 * DAY)));
  }

  @Test
  void mapleverseRetentionComesFromItsDays() {
    MapleversePack mapleverse = MapleversePack.mapleverse();
    assertThat(PackTopicConfigs.audit(mapleverse))
        .containsEntry("retention.ms", Long.toString(30 * DAY));
    // checkpoint_retention_days is 3, but a checkpoint must outlive the records it signs (30 days)
    assertThat(PackTopicConfigs.checkpoints(mapleverse))
        .containsEntry("retention.ms", Long.toString(30 * DAY))
        .containsEntry("compression.type", "lz4");
    assertThat(PackTopicConfigs.decisions(mapleverse))
        .containsEntry("retention.ms", Long.toString(7 * DAY));
  }

  @Test
  void finalverseRetentionComesFromItsDays() {
    FinalversePack finalverse = FinalversePack.finalverse();
    assertThat(PackTopicConfigs.audit(finalverse))
        .containsEntry("retention.ms", Long.toString(365 * DAY));
    // checkpoint_retention_days is 30, the audit trail they sign is kept 365 days
    assertThat(PackTopicConfigs.checkpoints(finalverse))
        .containsEntry("retention.ms", Long.toString(365 * DAY))
        .containsEntry("compression.type", "zstd");
    assertThat(PackTopicConfigs.decisions(finalverse))
        .containsEntry("retention.ms", Long.toString(90 * DAY));
  }

  @Test
  void approvalsOutliveTheApprovalTimeoutAndEscalation() {
    // one day of metrics, a two-day approval timeout and a one-hour escalation: requests must
    // survive 49 h
    var base = MapleversePack.mapleverse().config();
    var pack =
        base.toBuilder()
            .state(
                base.state().toBuilder()
                    .retention(base.state().retention().toBuilder().metricsRetentionDays(1).build())
                    .build())
            .policy(
                base.policy().toBuilder()
                    .humanApproval(
                        base.policy().humanApproval().toBuilder()
                            .approvalTimeoutSecs(2 * 86_400)
                            .build())
                    .build())
            .recovery(
                base.recovery().toBuilder()
                    .escalation(
                        base.recovery().escalation().toBuilder()
                            .enabled(true)
                            .levels(
                                java.util.List.of(
                                    new dev.palm.packs.EscalationLevel(
                                        "L1",
                                        1,
                                        0,
                                        3_600,
                                        java.util.List.of("notify"),
                                        java.util.List.of("oncall"))))
                            .build())
                    .build())
            .build()
            .toPack();

    assertThat(PackTopicConfigs.decisions(pack)).containsEntry("retention.ms", Long.toString(DAY));
    assertThat(PackTopicConfigs.approvals(pack))
        .containsEntry("retention.ms", Long.toString(49 * 3_600_000L));
  }

  @Test
  void compressionMapsToKafkaNames() {
    assertThat(PackTopicConfigs.compressionType(CompressionAlgorithm.NONE))
        .isEqualTo("uncompressed");
    assertThat(PackTopicConfigs.compressionType(CompressionAlgorithm.GZIP)).isEqualTo("gzip");
    assertThat(PackTopicConfigs.compressionType(CompressionAlgorithm.ZSTD)).isEqualTo("zstd");
    assertThat(PackTopicConfigs.compressionType(CompressionAlgorithm.LZ4)).isEqualTo("lz4");
    assertThat(PackTopicConfigs.compressionType(CompressionAlgorithm.SNAPPY)).isEqualTo("snappy");
  }

  @Test
  void zeroDaysStillKeepsOneDayAndNoAutoCleanupIsInfinite() {
    assertThat(PackTopicConfigs.retentionMs(0, true)).isEqualTo(Long.toString(DAY));
    assertThat(PackTopicConfigs.retentionMs(90, false)).isEqualTo("-1");
    assertThat(PackTopicConfigs.retentionMs(90, true)).isEqualTo(Long.toString(90 * DAY));
  }

  @Test
  void strengthComparisonTreatsMinusOneAsInfinite() {
    assertThat(TopicProvisioner.satisfies("retention.ms", "-1", "1000")).isTrue();
    assertThat(TopicProvisioner.satisfies("retention.ms", "2000", "1000")).isTrue();
    assertThat(TopicProvisioner.satisfies("retention.ms", "999", "1000")).isFalse();
    assertThat(TopicProvisioner.satisfies("retention.ms", "999999999", "-1")).isFalse();
    assertThat(TopicProvisioner.satisfies("retention.bytes", "1073741824", "-1")).isFalse();
    assertThat(TopicProvisioner.satisfies("cleanup.policy", "delete", "delete")).isTrue();
    assertThat(TopicProvisioner.satisfies("cleanup.policy", "compact", "delete")).isFalse();
    assertThat(TopicProvisioner.satisfies("cleanup.policy", "compact,delete", "delete")).isFalse();
    assertThat(TopicProvisioner.satisfies("compression.type", "producer", "zstd")).isFalse();
  }
}
