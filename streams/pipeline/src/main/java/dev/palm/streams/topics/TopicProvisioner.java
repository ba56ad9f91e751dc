package dev.palm.streams.topics;

import dev.palm.packs.PlatformPack;
import dev.palm.wire.TopicLayout;
import dev.palm.wire.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the loaded packs need and checks the ones that exist (docs/architecture.md
 * §3).
 *
 * <p>Missing topics are created with the configs of {@link PackTopicConfigs}. An existing audit or
 * checkpoint topic that is compacted, or keeps records for less time or fewer bytes than a pack
 * requires, makes {@link #provision} throw a {@link TopicPolicyViolation} (the pipeline refuses to
 * start) unless {@code repair} is set; then the weak settings are altered and returned as {@link
 * TopicRepair}s so the pipeline can audit each one. Longer retention than required is kept. Other
 * differences (decision and approval retention, checkpoint compression, a compacted input) are
 * warnings, and also aligned in repair mode.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  /** Settings whose weakness on an audit or checkpoint topic blocks the start. */
  private static final Set<String> RETENTION_SETTINGS =
      Set.of(
          TopicConfig.CLEANUP_POLICY_CONFIG,
          TopicConfig.RETENTION_MS_CONFIG,
          TopicConfig.RETENTION_BYTES_CONFIG);

  private final TopicLayout layout;
  private final int inputPartitions;
  private final int packTopicPartitions;
  private final Optional<Short> replicationFactor;
  private final Duration dlqRetention;
  private final Duration timeout;

  private TopicProvisioner(Builder builder) {
    this.layout = builder.layout;
    this.inputPartitions = builder.inputPartitions;
    this.packTopicPartitions = builder.packTopicPartitions;
    this.replicationFactor = builder.replicationFactor;
    this.dlqRetention = builder.dlqRetention;
    this.timeout = builder.timeout;
  }

  /** A provisioner for the topics of {@code layout}. */
  public static Builder builder(TopicLayout layout) {
    return new Builder(layout);
  }

  /** The layout whose topics this provisioner manages. */
  public TopicLayout layout() {
    return layout;
  }

  /**
   * Every topic the packs need and its required configs: the shared inputs, each pack's four topics
   * and the dead-letter topic. Pure: no broker involved.
   */
  public List<TopicRequirement> requirements(Collection<? extends PlatformPack> packs) {
    Map<String, PlatformPack> byName = new LinkedHashMap<>();
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      if (byName.putIfAbsent(name, pack) != null) {
        throw new IllegalArgumentException(
            "Two loaded packs are named '"
                + name
                + "'; pack names must be"
                + " unique because they name the per-pack topics");
      }
    }
    List<TopicRequirement> requirements = new ArrayList<>();
    for (TopicSpec<String, ?> input : layout.inputs()) {
      requirements.add(
          new TopicRequirement(
              input, inputPartitions, replicationFactor, PackTopicConfigs.input()));
    }
    byName.forEach(
        (name, pack) -> {
          for (TopicSpec<String, ?> topic : layout.packTopics(name)) {
            requirements.add(
                new TopicRequirement(
                    topic,
                    packTopicPartitions,
                    replicationFactor,
                    PackTopicConfigs.forRole(topic.role(), pack)));
          }
        });
    requirements.add(
        new TopicRequirement(
            layout.dlq(), inputPartitions, replicationFactor, PackTopicConfigs.dlq(dlqRetention)));
    return List.copyOf(requirements);
  }

  /**
   * Compares the existing topics with the packs' requirements without changing anything; missing
   * topics are not reported (they would be created).
   */
  public List<TopicSettingMismatch> check(Admin admin, Collection<? extends PlatformPack> packs) {
    List<TopicRequirement> requirements = requirements(packs);
    Set<String> existing = existingTopics(admin);
    List<TopicRequirement> present =
        requirements.stream().filter(r -> existing.contains(r.name())).toList();
    return mismatches(present, describe(admin, present));
  }

  /**
   * Creates missing topics and checks existing ones.
   *
   * @param repair whether to alter weak or different settings of existing topics (the {@code
   *     --repair} flag)
   * @throws TopicPolicyViolation when an existing audit/checkpoint topic is weaker than required
   *     and {@code repair} is false
   */
  public ProvisioningReport provision(
      Admin admin, Collection<? extends PlatformPack> packs, boolean repair) {
    List<TopicRequirement> requirements = requirements(packs);
    Set<String> existing = existingTopics(admin);
    List<TopicRequirement> present =
        requirements.stream().filter(r -> existing.contains(r.name())).toList();
    // check before creating anything, so a refusal leaves the cluster as it was
    List<TopicSettingMismatch> mismatches = mismatches(present, describe(admin, present));
    List<TopicSettingMismatch> blocking =
        mismatches.stream().filter(TopicSettingMismatch::blocking).toList();
    if (!repair && !blocking.isEmpty()) {
      throw new TopicPolicyViolation(blocking);
    }

    List<String> created = new ArrayList<>();
    List<TopicRequirement> toCreate =
        requirements.stream().filter(r -> !existing.contains(r.name())).toList();
    Set<String> raced = create(admin, toCreate, created);
    if (!raced.isEmpty()) {
      // another pipeline instance created these between our listing and our request: check them too
      List<TopicRequirement> racedTopics =
          toCreate.stream().filter(r -> raced.contains(r.name())).toList();
      List<TopicSettingMismatch> racedMismatches =
          mismatches(racedTopics, describe(admin, racedTopics));
      present = concat(present, racedTopics);
      mismatches = concat(mismatches, racedMismatches);
      if (!repair && racedMismatches.stream().anyMatch(TopicSettingMismatch::blocking)) {
        throw new TopicPolicyViolation(
            racedMismatches.stream().filter(TopicSettingMismatch::blocking).toList());
      }
    }

    if (!repair) {
      mismatches.forEach(
          m ->
              LOG.warn(
                  "Existing {} (run with {} to align it)",
                  m.describe(),
                  TopicPolicyViolation.REPAIR_FLAG));
      return new ProvisioningReport(created, names(present), List.of(), mismatches);
    }

    List<TopicRepair> repairs = repair(admin, mismatches);
    // Altered configs reach the broker's metadata cache asynchronously: poll briefly before
    // concluding
    // that the repair did not take effect.
    List<TopicSettingMismatch> remaining = mismatches(present, describe(admin, present));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!remaining.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      remaining = mismatches(present, describe(admin, present));
    }
    if (!remaining.isEmpty()) {
      throw new IllegalStateException(
          "Topic repair did not take effect for: "
              + remaining.stream().map(TopicSettingMismatch::describe).toList()
              + "; check the broker's dynamic config limits and"
              + " the client's ALTER_CONFIGS permission");
    }
    return new ProvisioningReport(created, names(present), repairs, List.of());
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private Set<String> existingTopics(Admin admin) {
    return await(admin.listTopics().names(), "list the cluster's topics");
  }

  /**
   * Creates the topics; returns the names another process created first (to be checked like
   * existing ones).
   */
  private Set<String> create(Admin admin, List<TopicRequirement> toCreate, List<String> created) {
    Set<String> raced = new HashSet<>();
    if (toCreate.isEmpty()) {
      return raced;
    }
    List<NewTopic> newTopics =
        toCreate.stream()
            .map(
                r ->
                    new NewTopic(r.name(), Optional.of(r.partitions()), r.replicationFactor())
                        .configs(r.configs()))
            .toList();
    CreateTopicsResult result = admin.createTopics(newTopics);
    for (TopicRequirement requirement : toCreate) {
      try {
        result.values().get(requirement.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(requirement.name());
        LOG.info(
            "Created topic {} ({} partition(s), {})",
            requirement.name(),
            requirement.partitions(),
            new TreeMap<>(requirement.configs()));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          raced.add(requirement.name());
        } else {
          throw new IllegalStateException(
              "Could not create topic "
                  + requirement.name()
                  + ": "
                  + e.getCause().getMessage()
                  + "; check the client's CREATE permission and the broker's"
                  + " topic limits, or create it by hand with "
                  + new TreeMap<>(requirement.configs()),
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Creating topic "
                + requirement.name()
                + " did not finish within "
                + timeout.toSeconds()
                + " s; is the cluster reachable?",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while creating topic " + requirement.name(), e);
      }
    }
    return raced;
  }

  private Map<String, Config> describe(Admin admin, List<TopicRequirement> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources =
        topics.stream().map(r -> new ConfigResource(ConfigResource.Type.TOPIC, r.name())).toList();
    Map<ConfigResource, Config> configs =
        await(admin.describeConfigs(resources).all(), "read the configs of " + names(topics));
    Map<String, Config> byName = new LinkedHashMap<>();
    configs.forEach((resource, config) -> byName.put(resource.name(), config));
    return byName;
  }

  private static List<TopicSettingMismatch> mismatches(
      List<TopicRequirement> topics, Map<String, Config> found) {
    List<TopicSettingMismatch> mismatches = new ArrayList<>();
    for (TopicRequirement requirement : topics) {
      Config config = found.get(requirement.name());
      new TreeMap<>(requirement.configs())
          .forEach(
              (setting, required) -> {
                ConfigEntry entry = config == null ? null : config.get(setting);
                String value = entry == null || entry.value() == null ? "(unset)" : entry.value();
                if (!satisfies(setting, value, required)) {
                  boolean blocking =
                      requirement.topic().role().isRecordOfTruth()
                          && RETENTION_SETTINGS.contains(setting);
                  mismatches.add(
                      new TopicSettingMismatch(
                          requirement.name(), setting, value, required, blocking));
                }
              });
    }
    mismatches.sort(
        Comparator.comparing(TopicSettingMismatch::topic)
            .thenComparing(TopicSettingMismatch::setting));
    return List.copyOf(mismatches);
  }

  /** Whether {@code found} is at least as strong as {@code required} for this setting. */
  static boolean satisfies(String setting, String found, String required) {
    switch (setting) {
      case TopicConfig.CLEANUP_POLICY_CONFIG:
        {
          List<String> policies = List.of(found.replace(" ", "").split(","));
          // a compacting topic may drop old records of a key: never acceptable for a required
          // "delete"
          return policies.contains(TopicConfig.CLEANUP_POLICY_DELETE)
              && !policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
      case TopicConfig.RETENTION_MS_CONFIG:
      case TopicConfig.RETENTION_BYTES_CONFIG:
        {
          long foundValue = parseLong(found);
          long requiredValue = Long.parseLong(required);
          if (foundValue < 0) {
            return true; // infinite satisfies everything
          }
          return requiredValue >= 0 && foundValue >= requiredValue;
        }
      default:
        return found.equals(required);
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0; // an unreadable retention counts as the weakest
    }
  }

  private List<TopicRepair> repair(Admin admin, List<TopicSettingMismatch> mismatches) {
    if (mismatches.isEmpty()) {
      return List.of();
    }
    Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
    List<TopicRepair> repairs = new ArrayList<>();
    for (TopicSettingMismatch m : mismatches) {
      ops.computeIfAbsent(
              new ConfigResource(ConfigResource.Type.TOPIC, m.topic()), r -> new ArrayList<>())
          .add(
              new AlterConfigOp(
                  new ConfigEntry(m.setting(), m.required()), AlterConfigOp.OpType.SET));
      repairs.add(new TopicRepair(m.topic(), m.setting(), m.found(), m.required()));
    }
    await(
        admin.incrementalAlterConfigs(ops).all(),
        "alter the configs of " + ops.keySet().stream().map(ConfigResource::name).toList());
    repairs.forEach(r -> LOG.warn("Repaired topic {}", r));
    return List.copyOf(repairs);
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Could not " + what + " within " + timeout.toSeconds() + " s; is the cluster reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + what, e);
    }
  }

  private static List<String> names(List<TopicRequirement> topics) {
    return topics.stream().map(TopicRequirement::name).toList();
  }

  /** Options of {@link TopicProvisioner}. */
  public static final class Builder {
    private final TopicLayout layout;
    private int inputPartitions = 1;
    private int packTopicPartitions = 1;
    private Optional<Short> replicationFactor = Optional.empty();
    private Duration dlqRetention = PackTopicConfigs.DEFAULT_DLQ_RETENTION;
    private Duration timeout = Duration.ofSeconds(60);

    private Builder(TopicLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * Partitions of new shared input and dead-letter topics (default 1; inputs are keyed by pack).
     */
    public Builder inputPartitions(int partitions) {
      this.inputPartitions = partitions;
      return this;
    }

    /** Partitions of new per-pack topics (default 1: one total order per pack). */
    public Builder packTopicPartitions(int partitions) {
      this.packTopicPartitions = partitions;
      return this;
    }

    /** Replicas of new topics (default: the cluster's {@code default.replication.factor}). */
    public Builder replicationFactor(short replicas) {
      this.replicationFactor = Optional.of(replicas);
      return this;
    }

    /** Retention of the dead-letter topic (default 30 days). */
    public Builder dlqRetention(Duration retention) {
      this.dlqRetention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** How long to wait for each admin request (default 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Builds the provisioner after validating the options. */
    public TopicProvisioner build() {
      if (inputPartitions < 1 || packTopicPartitions < 1) {
        throw new IllegalArgumentException(
            "Topics need at least one partition (inputs: "
                + inputPartitions
                + ", per pack: "
                + packTopicPartitions
                + ")");
      }
      PackTopicConfigs.dlq(dlqRetention); // validates
      return new TopicProvisioner(this);
    }
  }
}
