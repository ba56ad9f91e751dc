package dev.palm.streams.topics;

import dev.palm.events.AuditEventType;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.policy.SystemEvent;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the packs' audit and checkpoint topics while the pipeline runs: every interval it checks
 * again what provisioning checked at start (retention, {@code retention.bytes}, cleanup policy
 * against the packs' demands) and that the replication factor and {@code min.insync.replicas} are
 * not lower than at start. Each weakening is logged as an ALERT once and handed as a {@code
 * TOPIC_WEAKENED} event to the policy, which records it in the pack's audit chain once.
 */
public final class TopicGuard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicGuard.class);

  private final Admin admin;
  private final TopicProvisioner provisioner;
  private final List<PlatformPack> packs;
  private final Map<String, String> packByTopic = new LinkedHashMap<>();
  private final Consumer<SystemEvent> events;
  private final Set<String> alerted = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "palm-topic-guard");
            thread.setDaemon(true);
            return thread;
          });
  private Map<String, Strength> baseline = Map.of();

  /** Replication of one topic: the smallest replica count of its partitions, and its min ISR. */
  record Strength(int replicas, int minInsyncReplicas) {}

  /** One setting found weaker than required, or than at start. */
  public record Weakening(
      String pack, String topic, String setting, String found, String required) {
    /** One line for logs: topic, setting, found and required value. */
    public String describe() {
      return "topic " + topic + ": " + setting + " is " + found + ", required " + required;
    }
  }

  /**
   * A guard over the packs' audit and checkpoint topics; it owns {@code admin} (closed by {@link
   * #close()}).
   *
   * @param events receives a {@code TOPIC_WEAKENED} event per weakening found, on every check
   */
  public TopicGuard(
      Admin admin,
      TopicProvisioner provisioner,
      Collection<? extends PlatformPack> packs,
      Consumer<SystemEvent> events) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
    this.packs = List.copyOf(packs);
    this.events = Objects.requireNonNull(events, "events");
    TopicLayout layout = provisioner.layout();
    for (PlatformPack pack : this.packs) {
      String name = pack.metadata().name();
      packByTopic.put(layout.audit(name).name(), name);
      packByTopic.put(layout.checkpoints(name).name(), name);
    }
  }

  /** Takes the start's replication as the baseline and checks every {@code interval}. */
  public TopicGuard start(Duration interval) {
    baseline = strength();
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // the cluster may be briefly unreachable: the next check tries again
      LOG.warn("Could not check the audit and checkpoint topics: {}", e.toString());
    }
  }

  /** Checks once; returns the weakenings found (each also handed to the event consumer). */
  public List<Weakening> check() {
    List<Weakening> found = new ArrayList<>();
    for (TopicSettingMismatch m : provisioner.check(admin, packs)) {
      String pack = packByTopic.get(m.topic());
      if (pack != null && m.blocking()) {
        found.add(new Weakening(pack, m.topic(), m.setting(), m.found(), m.required()));
      }
    }
    Map<String, Strength> now = strength();
    baseline.forEach(
        (topic, base) -> {
          String pack = packByTopic.get(topic);
          Strength current = now.get(topic);
          if (current == null) {
            found.add(new Weakening(pack, topic, "topic", "(deleted)", "present"));
            return;
          }
          if (current.replicas() < base.replicas()) {
            found.add(
                new Weakening(
                    pack,
                    topic,
                    "replication.factor",
                    Integer.toString(current.replicas()),
                    Integer.toString(base.replicas())));
          }
          if (current.minInsyncReplicas() < base.minInsyncReplicas()) {
            found.add(
                new Weakening(
                    pack,
                    topic,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(current.minInsyncReplicas()),
                    Integer.toString(base.minInsyncReplicas())));
          }
        });
    for (Weakening w : found) {
      if (alerted.add(w.describe())) {
        LOG.error(
            "ALERT {} (weakened while the pipeline runs; recorded as TOPIC_WEAKENED in pack '{}'):"
                + " restore it, e.g. kafka-configs --alter --entity-type topics --entity-name {}",
            w.describe(),
            w.pack(),
            w.topic());
      }
      events.accept(event(w));
    }
    return List.copyOf(found);
  }

  private static SystemEvent event(Weakening w) {
    return new SystemEvent(
        w.pack(),
        AuditEventType.TOPIC_WEAKENED,
        AuditEventType.TOPIC_WEAKENED.name(),
        w.describe() + ": weakened while the pipeline runs",
        Map.of(
            "topic", w.topic(),
            "topic.setting", w.setting(),
            "topic.found", w.found(),
            "topic.required", w.required()));
  }

  /** The replication of every existing audit and checkpoint topic. */
  private Map<String, Strength> strength() {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> topics = packByTopic.keySet().stream().filter(existing::contains).toList();
      if (topics.isEmpty()) {
        return Map.of();
      }
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  topics.stream()
                      .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                      .toList())
              .all()
              .get(30, TimeUnit.SECONDS);
      Map<String, Strength> strength = new LinkedHashMap<>();
      for (String topic : topics) {
        int replicas =
            described.get(topic).partitions().stream()
                .mapToInt(p -> p.replicas().size())
                .min()
                .orElse(0);
        ConfigEntry minIsr =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        int min = minIsr == null || minIsr.value() == null ? 1 : Integer.parseInt(minIsr.value());
        strength.put(topic, new Strength(replicas, min));
      }
      return strength;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the audit topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the audit topics: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
