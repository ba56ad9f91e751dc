package dev.palm.streams.topics;

import dev.palm.packs.CompressionAlgorithm;
import dev.palm.packs.EscalationConfig;
import dev.palm.packs.EscalationLevel;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.RetentionConfig;
import dev.palm.wire.TopicRole;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Derives the Kafka topic configs of a pack's topics from the pack's state config
 * (docs/architecture.md §3), so retention on the broker is exactly what the pack promises its
 * regulators.
 *
 * <ul>
 *   <li>decisions: {@code metrics_retention_days};
 *   <li>approvals: the same, but at least the approval timeout plus the longest escalation delay,
 *       so a pending request is never deleted before it is answered or expires;
 *   <li>audit: {@code audit_retention_days}, infinite ({@code -1}) when {@code auto_cleanup} is
 *       false;
 *   <li>checkpoints: {@code checkpoint_retention_days}, also infinite when {@code auto_cleanup} is
 *       false (the checkpoints sign the audit chain, so keeping the chain forever but not its
 *       signatures would leave old ranges unverifiable), and {@code compression.type} from {@code
 *       checkpoint.compression}.
 * </ul>
 *
 * All are {@code cleanup.policy=delete}; audit and checkpoints also {@code retention.bytes=-1}, so
 * size never deletes compliance records. A retention of 0 days is raised to one day: Kafka would
 * otherwise delete records as soon as a segment rolls.
 */
public final class PackTopicConfigs {

  /** How long the dead-letter topic keeps records unless configured otherwise. */
  public static final Duration DEFAULT_DLQ_RETENTION = Duration.ofDays(30);

  /** Kafka's value for "keep forever" of {@code retention.ms} and {@code retention.bytes}. */
  public static final String INFINITE = "-1";

  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private PackTopicConfigs() {}

  /**
   * The configs of {@code role}'s topic for {@code pack}; shared roles get their pack-independent
   * configs.
   */
  public static Map<String, String> forRole(TopicRole role, PlatformPack pack) {
    return switch (role) {
      case DECISIONS -> decisions(pack);
      case APPROVALS -> approvals(pack);
      case AUDIT -> audit(pack);
      case CHECKPOINTS -> checkpoints(pack);
      case DLQ -> dlq(DEFAULT_DLQ_RETENTION);
      case OPERATIONS, APPROVAL_RESPONSES, APPROVAL_GRANTS, HOLD_RELEASES, OUTCOMES -> input();
    };
  }

  /** {@code <prefix>.<pack>.decisions}: delete after {@code metrics_retention_days}. */
  public static Map<String, String> decisions(PlatformPack pack) {
    return deleteAfter(decisionsRetentionMs(pack));
  }

  /**
   * {@code <prefix>.<pack>.approvals}: like decisions, at least the approval timeout plus
   * escalation.
   */
  public static Map<String, String> approvals(PlatformPack pack) {
    long approvalLifetimeMs =
        Math.multiplyExact(
            Math.addExact(
                pack.policyConfig().humanApproval().approvalTimeoutSecs(),
                longestEscalationSecs(pack)),
            1000L);
    return deleteAfter(Math.max(decisionsRetentionMs(pack), approvalLifetimeMs));
  }

  /**
   * {@code <prefix>.<pack>.audit}: {@code audit_retention_days}, forever without {@code
   * auto_cleanup}.
   */
  public static Map<String, String> audit(PlatformPack pack) {
    RetentionConfig retention = pack.stateConfig().retention();
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    configs.put(
        TopicConfig.RETENTION_MS_CONFIG,
        retentionMs(retention.auditRetentionDays(), retention.autoCleanup()));
    configs.put(TopicConfig.RETENTION_BYTES_CONFIG, INFINITE);
    return Map.copyOf(configs);
  }

  /**
   * {@code <prefix>.<pack>.checkpoints}: {@code checkpoint_retention_days}, but never shorter than
   * the audit trail they sign ({@code audit_retention_days}; forever without {@code auto_cleanup}),
   * so every retained audit record keeps a signed anchor; and the pack's compression.
   */
  public static Map<String, String> checkpoints(PlatformPack pack) {
    RetentionConfig retention = pack.stateConfig().retention();
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    configs.put(
        TopicConfig.RETENTION_MS_CONFIG,
        retentionMs(
            Math.max(retention.checkpointRetentionDays(), retention.auditRetentionDays()),
            retention.autoCleanup()));
    configs.put(TopicConfig.RETENTION_BYTES_CONFIG, INFINITE);
    configs.put(
        TopicConfig.COMPRESSION_TYPE_CONFIG,
        compressionType(pack.stateConfig().checkpoint().compression()));
    return Map.copyOf(configs);
  }

  /** The shared input topics: plain delete policy, retention left to the cluster's default. */
  public static Map<String, String> input() {
    return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
  }

  /** The dead-letter topic: delete after {@code retention}. */
  public static Map<String, String> dlq(Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "The dead-letter retention must be positive, got " + retention);
    }
    return deleteAfter(retention.toMillis());
  }

  /**
   * Kafka's {@code compression.type} for a pack's checkpoint compression ({@code none} stores
   * uncompressed).
   */
  public static String compressionType(CompressionAlgorithm algorithm) {
    return switch (algorithm) {
      case NONE -> "uncompressed";
      case GZIP -> "gzip";
      case ZSTD -> "zstd";
      case LZ4 -> "lz4";
      case SNAPPY -> "snappy";
    };
  }

  /**
   * {@code retention.ms} for a retention in days: {@code -1} unless {@code autoCleanup}, at least
   * one day.
   */
  public static String retentionMs(int days, boolean autoCleanup) {
    if (!autoCleanup) {
      return INFINITE;
    }
    return Long.toString(Math.multiplyExact((long) Math.max(1, days), DAY_MS));
  }

  private static long decisionsRetentionMs(PlatformPack pack) {
    return Math.multiplyExact(
        (long) Math.max(1, pack.stateConfig().retention().metricsRetentionDays()), DAY_MS);
  }

  private static long longestEscalationSecs(PlatformPack pack) {
    EscalationConfig escalation = pack.recoveryConfig().escalation();
    if (!escalation.enabled()) {
      return 0;
    }
    return escalation.levels().stream()
        .mapToLong(EscalationLevel::triggerAfterSecs)
        .max()
        .orElse(0);
  }

  private static Map<String, String> deleteAfter(long retentionMs) {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG,
        Long.toString(retentionMs));
  }
}
