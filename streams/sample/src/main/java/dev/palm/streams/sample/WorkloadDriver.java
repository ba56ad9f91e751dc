package dev.palm.streams.sample;

import dev.palm.events.ApprovalRequest;
import dev.palm.events.ApprovalRequestKind;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.Decision;
import dev.palm.events.DecisionKind;
import dev.palm.events.HoldAction;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.events.PolicyDecision;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.clients.KafkaClientProperties;
import dev.palm.streams.limits.RateWindow;
import dev.palm.streams.query.AuditTrails;
import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SampleWorkload} against a running pipeline: publishes each phase, waits until the
 * decisions it causes have been seen on the packs' decisions topics (read_committed), sends each
 * pack's rate-limit burst, then reads the audit trails back and compares everything with what the
 * packs demand. Progress goes to a line callback, one line per phase.
 */
public final class WorkloadDriver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadDriver.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, Object> clientProperties;
  private final PalmSerdes serdes;
  private final TopicLayout layout;
  private final List<PlatformPack> packs;
  private final Duration phaseTimeout;
  private final Consumer<String> progress;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Serializer<OperationRequested> operationSerializer;
  private final Serializer<ApprovalResponse> responseSerializer;
  private final Serializer<HoldRelease> releaseSerializer;
  private final Deserializer<PolicyDecision> decisionDeserializer;
  private final Deserializer<ApprovalRequest> approvalDeserializer;

  /** Decisions seen, per operation id, in order. */
  private final Map<String, List<PolicyDecision>> decisions = new HashMap<>();

  /** Escalation levels seen, per operation id. */
  private final Map<String, Set<Integer>> escalations = new HashMap<>();

  /** Record timestamp of the first request of each operation. */
  private final Map<String, Long> submittedAt = new HashMap<>();

  /** Record timestamp of the (human) release of each held operation. */
  private final Map<String, Long> releasedAt = new HashMap<>();

  private final Map<String, String> descriptions = new HashMap<>();
  private final Map<String, String> packOf = new HashMap<>();
  private Supplier<Optional<Throwable>> pipelineFailure = Optional::empty;
  private final SampleKeys keys;

  /**
   * @param clientProperties Kafka client properties (bootstrap servers, SASL/TLS)
   * @param serdes serdes of the pipeline's registry
   * @param layout the pipeline's topics
   * @param packs the packs the pipeline enforces
   * @param phaseTimeout how long to wait for one phase's decisions (timers get their own wait on
   *     top)
   * @param progress receives one line per phase
   * @param keys the actors' keys that sign every request, answer and release (the pipeline must
   *     trust their keyring)
   */
  public WorkloadDriver(
      Map<String, Object> clientProperties,
      PalmSerdes serdes,
      TopicLayout layout,
      List<? extends PlatformPack> packs,
      Duration phaseTimeout,
      Consumer<String> progress,
      SampleKeys keys) {
    this.keys = keys;
    this.clientProperties = Map.copyOf(clientProperties);
    this.serdes = serdes;
    this.layout = layout;
    this.packs = List.copyOf(packs);
    this.phaseTimeout = phaseTimeout;
    this.progress = progress;
    this.producer =
        new KafkaProducer<>(
            KafkaClientProperties.idempotentWriter(clientProperties),
            new StringSerializer(),
            new ByteArraySerializer());
    this.consumer =
        new KafkaConsumer<>(
            KafkaClientProperties.assignedReader(clientProperties),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.operationSerializer = serdes.valueSerializer(OperationRequested.class);
    this.responseSerializer = serdes.valueSerializer(ApprovalResponse.class);
    this.releaseSerializer = serdes.valueSerializer(HoldRelease.class);
    this.decisionDeserializer = serdes.valueDeserializer(PolicyDecision.class);
    this.approvalDeserializer = serdes.valueDeserializer(ApprovalRequest.class);
  }

  /**
   * Makes the run stop waiting as soon as {@code failure} reports that the pipeline stopped (e.g.
   * {@code PalmService::failure}), instead of letting every phase time out.
   */
  public WorkloadDriver abortWhen(Supplier<Optional<Throwable>> failure) {
    this.pipelineFailure = failure;
    return this;
  }

  /**
   * Publishes the workload, checks every decision against the packs' demands and verifies the audit
   * trails.
   *
   * @throws IllegalStateException when the pipeline stops during the run (see {@link #abortWhen})
   */
  public WorkloadReport run(SampleWorkload workload) {
    List<String> problems = new ArrayList<>();
    subscribeFromEnd();
    workload
        .cases()
        .forEach(
            c -> {
              descriptions.put(c.operationId(), c.description());
              packOf.put(c.operationId(), c.pack());
            });
    List<SamplePhase> phases = workload.phases();
    int total = phases.size() + (workload.rateProbes().isEmpty() ? 0 : 1);
    Set<String> done = new LinkedHashSet<>();
    for (int i = 0; i < phases.size(); i++) {
      SamplePhase phase = phases.get(i);
      long start = System.nanoTime();
      publish(phase.steps());
      done.add(phase.name());
      Map<String, Integer> wanted = new HashMap<>();
      for (SampleCase c : workload.cases()) {
        wanted.put(c.operationId(), c.expectedAfter(done));
      }
      Map<String, Integer> wantedEscalations = new HashMap<>();
      if (phase.name().equals(SampleWorkload.TIMERS_PHASE)) {
        workload
            .cases()
            .forEach(c -> wantedEscalations.put(c.operationId(), c.escalationLevels().size()));
      }
      boolean complete = await(wanted, wantedEscalations, phaseTimeout.plus(phase.timerWait()));
      int expected = wanted.values().stream().mapToInt(Integer::intValue).sum();
      int seen =
          wanted.keySet().stream().mapToInt(id -> Math.min(wanted.get(id), seenCount(id))).sum();
      progress.accept(
          String.format(
              "[%d/%d] %-34s %4d record(s) published, %4d/%d decisions seen%s (%.1f s)",
              i + 1,
              total,
              phase.name(),
              phase.steps().size(),
              seen,
              expected,
              complete ? "" : " - TIMED OUT",
              (System.nanoTime() - start) / 1e9));
      if (!complete) {
        problems.add(
            "phase '"
                + phase.name()
                + "': not every expected decision arrived within "
                + phaseTimeout.plus(phase.timerWait()).toSeconds()
                + " s");
      }
    }
    List<WorkloadReport.BurstResult> bursts = new ArrayList<>();
    List<String> burstIds = new ArrayList<>();
    if (!workload.rateProbes().isEmpty()) {
      long start = System.nanoTime();
      Map<RateProbe, Burst> sent = new LinkedHashMap<>();
      for (RateProbe probe : workload.rateProbes()) {
        sent.put(probe, sendBurst(workload, probe));
      }
      producer.flush();
      Map<String, Integer> wanted = new HashMap<>();
      sent.values().forEach(b -> b.operationIds.forEach(id -> wanted.put(id, 1)));
      boolean complete = await(wanted, Map.of(), phaseTimeout);
      int count = wanted.size();
      int seen = (int) wanted.keySet().stream().filter(id -> seenCount(id) > 0).count();
      progress.accept(
          String.format(
              "[%d/%d] %-34s %4d record(s) published, %4d/%d decisions seen%s (%.1f s)",
              total,
              total,
              "rate limit",
              count,
              seen,
              count,
              complete ? "" : " - TIMED OUT",
              (System.nanoTime() - start) / 1e9));
      if (!complete) {
        problems.add(
            "phase 'rate limit': not every expected decision arrived within "
                + phaseTimeout.toSeconds()
                + " s");
      }
      sent.forEach(
          (probe, burst) -> {
            bursts.add(checkBurst(workload, probe, burst));
            burstIds.addAll(burst.operationIds);
          });
    }
    List<WorkloadReport.CaseResult> results = workload.cases().stream().map(this::check).toList();
    Set<String> runOperations = new java.util.HashSet<>(packOf.keySet());
    AuditTrails trails = new AuditTrails(clientProperties, serdes, layout, phaseTimeout);
    List<AuditTrails.PackAudit> audits =
        trails.readAll(
            packs, r -> r.getOperationId() != null && runOperations.contains(r.getOperationId()));
    results = results.stream().map(r -> withAudit(r, audits)).toList();
    List<WorkloadReport.PackOutcome> outcomes =
        packs.stream().map(p -> outcome(p.metadata().name(), workload, burstIds)).toList();
    return new WorkloadReport(
        workload.runId(), results, bursts, outcomes, audits, workload.skipped(), problems);
  }

  // ------------------------------------------------------------------ publishing

  private void publish(List<SampleStep> steps) {
    List<Map.Entry<SampleStep, Future<RecordMetadata>>> sent = new ArrayList<>();
    for (SampleStep step : steps) {
      sent.add(Map.entry(step, send(step)));
    }
    producer.flush();
    for (Map.Entry<SampleStep, Future<RecordMetadata>> e : sent) {
      long timestamp = awaitSend(e.getValue()).timestamp();
      SampleStep step = e.getKey();
      if (step instanceof SampleStep.Submit) {
        submittedAt.putIfAbsent(step.operationId(), timestamp);
      } else if (step instanceof SampleStep.Release release
          && release.release().getAction() == HoldAction.RELEASE) {
        releasedAt.put(step.operationId(), timestamp);
      }
    }
  }

  private Future<RecordMetadata> send(SampleStep step) {
    if (step instanceof SampleStep.Submit submit) {
      String topic = layout.operations().name();
      Instant now = Instant.now();
      OperationRequested op =
          OperationRequested.newBuilder(submit.operation()).setRequestedAt(now).build();
      if (op.getProof() == null && op.getActor() != null) {
        keys.sign(op, op.getActor().getId(), now).ifPresent(op::setProof);
      }
      return producer.send(
          new ProducerRecord<>(topic, submit.key(), operationSerializer.serialize(topic, op)));
    }
    if (step instanceof SampleStep.Respond respond) {
      String topic = layout.approvalResponses().name();
      Instant now = Instant.now();
      ApprovalResponse r =
          ApprovalResponse.newBuilder(respond.response()).setRespondedAt(now).build();
      if (r.getApprover() != null) {
        keys.sign(r, r.getApprover().getId(), now).ifPresent(r::setProof);
      }
      return producer.send(
          new ProducerRecord<>(topic, respond.key(), responseSerializer.serialize(topic, r)));
    }
    SampleStep.Release release = (SampleStep.Release) step;
    String topic = layout.holdReleases().name();
    Instant now = Instant.now();
    HoldRelease r = HoldRelease.newBuilder(release.release()).setReleasedAt(now).build();
    if (r.getReleasedBy() != null) {
      keys.sign(r, r.getReleasedBy().getId(), now).ifPresent(r::setProof);
    }
    return producer.send(
        new ProducerRecord<>(topic, release.key(), releaseSerializer.serialize(topic, r)));
  }

  private RecordMetadata awaitSend(Future<RecordMetadata> future) {
    try {
      return future.get(phaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not publish a sample record: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Publishing a sample record did not finish within "
              + phaseTimeout.toSeconds()
              + " s; is the cluster reachable?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing the sample workload", e);
    }
  }

  // ------------------------------------------------------------------ following decisions

  private void subscribeFromEnd() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PlatformPack pack : packs) {
      String name = pack.metadata().name();
      for (String topic : List.of(layout.decisions(name).name(), layout.approvals(name).name())) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, phaseTimeout);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "Topic "
                  + topic
                  + " does not exist; start the pipeline first (it"
                  + " creates its topics)");
        }
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(
        tp -> consumer.position(tp, phaseTimeout)); // fix the start before publishing
  }

  /**
   * Polls until every operation has its wanted number of decisions and escalations, or the timeout
   * passes.
   */
  private boolean await(
      Map<String, Integer> wanted, Map<String, Integer> wantedEscalations, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean complete =
          wanted.entrySet().stream().allMatch(e -> seenCount(e.getKey()) >= e.getValue())
              && wantedEscalations.entrySet().stream()
                  .allMatch(
                      e -> escalations.getOrDefault(e.getKey(), Set.of()).size() >= e.getValue());
      if (complete) {
        // one more short poll, so a decision that should not come (e.g. a second one) has a chance
        // to show
        poll();
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      pipelineFailure
          .get()
          .ifPresent(
              e -> {
                throw new IllegalStateException(
                    "The pipeline stopped during the sample workload: " + e, e);
              });
      poll();
    }
  }

  private void poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
      TopicRole role = roleOf(r.topic());
      try {
        if (role == TopicRole.DECISIONS) {
          PolicyDecision d = decisionDeserializer.deserialize(r.topic(), r.value());
          // Reconciliation alerts are findings about an operation, not its decision.
          if (d.getKind() == DecisionKind.DECISION) {
            decisions.computeIfAbsent(d.getOperationId(), k -> new ArrayList<>()).add(d);
          }
        } else if (role == TopicRole.APPROVALS) {
          ApprovalRequest a = approvalDeserializer.deserialize(r.topic(), r.value());
          if (a.getKind() == ApprovalRequestKind.ESCALATION) {
            escalations
                .computeIfAbsent(a.getOperationId(), k -> new TreeSet<>())
                .add(a.getEscalationLevel());
          }
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not read {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    }
  }

  private enum TopicRole {
    DECISIONS,
    APPROVALS
  }

  private TopicRole roleOf(String topic) {
    return topic.endsWith(".decisions") ? TopicRole.DECISIONS : TopicRole.APPROVALS;
  }

  private int seenCount(String operationId) {
    return decisions.getOrDefault(operationId, List.of()).size();
  }

  // ------------------------------------------------------------------ rate-limit bursts

  /** The operations of one burst and their record timestamps. */
  private record Burst(List<String> operationIds, List<Long> timestamps, int inWindow) {}

  private Burst sendBurst(SampleWorkload workload, RateProbe probe) {
    RateWindow window = admitted(workload, probe.pack());
    long now = window.clock(System.currentTimeMillis());
    int inWindow = window.countAt(now);
    // one more than the room left, plus one in case an admission slides out of the window meanwhile
    int size = Math.max(0, probe.limit() - inWindow) + 2;
    List<String> ids = new ArrayList<>();
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    String topic = layout.operations().name();
    for (int i = 0; i < size; i++) {
      String id = workload.runId() + "-" + probe.pack() + "-burst" + (i + 1);
      ids.add(id);
      descriptions.put(
          id,
          probe.template().getOperation()
              + " "
              + probe.template().getDeploymentId()
              + " (rate-limit burst "
              + (i + 1)
              + " of "
              + size
              + ")");
      packOf.put(id, probe.pack());
      OperationRequested op =
          OperationRequested.newBuilder(probe.template())
              .setOperationId(id)
              .setTraceId("palm-sample-" + id)
              .setRequestedAt(Instant.now())
              .setProof(null)
              .build();
      if (op.getActor() != null) {
        keys.sign(op, op.getActor().getId(), op.getRequestedAt()).ifPresent(op::setProof);
      }
      futures.add(
          producer.send(
              new ProducerRecord<>(topic, probe.pack(), operationSerializer.serialize(topic, op))));
    }
    producer.flush();
    List<Long> timestamps = futures.stream().map(f -> awaitSend(f).timestamp()).toList();
    for (int i = 0; i < ids.size(); i++) {
      submittedAt.put(ids.get(i), timestamps.get(i));
    }
    return new Burst(ids, timestamps, inWindow);
  }

  /**
   * The pack's rate window as the pipeline must hold it before the burst: every operation admitted
   * so far (an operation is admitted when it passes the limits on request, or after its hold is
   * released), at its record time; an automatic release counts at the time the pipeline decided it.
   */
  private RateWindow admitted(SampleWorkload workload, String pack) {
    List<Long> times = new ArrayList<>();
    for (SampleCase c : workload.cases(pack)) {
      List<PolicyDecision> seen = decisions.getOrDefault(c.operationId(), List.of());
      if (seen.isEmpty() || !submittedAt.containsKey(c.operationId())) {
        continue;
      }
      Decision first = seen.get(0).getDecision();
      if (admits(first)) {
        times.add(submittedAt.get(c.operationId()));
      } else if (first == Decision.HELD && seen.size() > 1 && admits(seen.get(1).getDecision())) {
        times.add(
            Optional.ofNullable(releasedAt.get(c.operationId()))
                .orElse(seen.get(1).getDecidedAt().toEpochMilli()));
      }
    }
    times.sort(Long::compare);
    RateWindow window = RateWindow.EMPTY;
    for (long t : times) {
      window = window.admit(window.clock(t));
    }
    return window;
  }

  private static boolean admits(Decision decision) {
    return decision == Decision.ALLOWED || decision == Decision.PENDING_APPROVAL;
  }

  private WorkloadReport.BurstResult checkBurst(
      SampleWorkload workload, RateProbe probe, Burst burst) {
    RateWindow window = admitted(workload, probe.pack());
    List<String> problems = new ArrayList<>();
    int allowed = 0;
    int denied = 0;
    for (int i = 0; i < burst.operationIds().size(); i++) {
      String id = burst.operationIds().get(i);
      long now = window.clock(burst.timestamps().get(i));
      boolean full = window.countAt(now) >= probe.limit();
      if (!full) {
        window = window.admit(now);
      }
      Expect expected =
          full
              ? Expect.of(Decision.DENIED, "RATE_LIMIT_EXCEEDED")
              : Expect.of(Decision.ALLOWED, "POLICY_PASSED");
      List<PolicyDecision> seen = decisions.getOrDefault(id, List.of());
      if (seen.size() != 1) {
        problems.add(id + ": expected " + expected + ", saw " + describe(seen));
      } else if (!expected.matches(seen.get(0))) {
        problems.add(id + ": expected " + expected + ", saw " + describe(seen));
      } else if (full) {
        denied++;
      } else {
        allowed++;
      }
    }
    if (denied == 0 && problems.isEmpty()) {
      problems.add(
          "no operation of the burst reached rate_limit_per_minute "
              + probe.limit()
              + " (earlier operations left the 60-second window while the burst was sent)");
    }
    return new WorkloadReport.BurstResult(
        probe.pack(),
        probe.limit(),
        burst.inWindow(),
        burst.operationIds().size(),
        allowed,
        denied,
        problems);
  }

  // ------------------------------------------------------------------ checking

  private WorkloadReport.CaseResult check(SampleCase c) {
    List<PolicyDecision> seen = decisions.getOrDefault(c.operationId(), List.of());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < Math.max(seen.size(), c.expected().size()); i++) {
      if (i >= seen.size()) {
        problems.add("decision " + (i + 1) + " missing: expected " + c.expected().get(i));
      } else if (i >= c.expected().size()) {
        problems.add("unexpected decision " + (i + 1) + ": " + describe(List.of(seen.get(i))));
      } else if (!c.expected().get(i).matches(seen.get(i))) {
        problems.add(
            "decision "
                + (i + 1)
                + ": expected "
                + c.expected().get(i)
                + ", saw "
                + describe(List.of(seen.get(i))));
      }
    }
    Set<Integer> levels = escalations.getOrDefault(c.operationId(), Set.of());
    for (int level : c.escalationLevels()) {
      if (!levels.contains(level)) {
        problems.add("escalation to level " + level + " not seen (saw " + levels + ")");
      }
    }
    return new WorkloadReport.CaseResult(c, seen, List.copyOf(levels), problems);
  }

  private WorkloadReport.CaseResult withAudit(
      WorkloadReport.CaseResult result, List<AuditTrails.PackAudit> audits) {
    SampleCase c = result.sampleCase();
    if (c.audit().isEmpty()) {
      return result;
    }
    List<String> problems = new ArrayList<>(result.problems());
    List<dev.palm.events.AuditRecord> records =
        audits.stream()
            .filter(a -> a.pack().equals(c.pack()))
            .flatMap(a -> a.kept().stream())
            .toList();
    for (AuditExpectation expected : c.audit()) {
      if (records.stream().noneMatch(expected::matches)) {
        problems.add("audit record " + expected + " not found");
      }
    }
    return new WorkloadReport.CaseResult(c, result.observed(), result.escalations(), problems);
  }

  private WorkloadReport.PackOutcome outcome(
      String pack, SampleWorkload workload, List<String> burstIds) {
    List<String> ids =
        new ArrayList<>(workload.cases(pack).stream().map(SampleCase::operationId).toList());
    burstIds.stream().filter(id -> pack.equals(packOf.get(id))).forEach(ids::add);
    Map<Decision, Integer> latest = new EnumMap<>(Decision.class);
    List<String> pending = new ArrayList<>();
    List<String> holds = new ArrayList<>();
    int records = 0;
    int escalated = 0;
    for (String id : ids) {
      List<PolicyDecision> seen = decisions.getOrDefault(id, List.of());
      records += seen.size();
      escalated += escalations.getOrDefault(id, Set.of()).size();
      if (seen.isEmpty()) {
        continue;
      }
      Decision last = seen.get(seen.size() - 1).getDecision();
      latest.merge(last, 1, Integer::sum);
      if (last == Decision.PENDING_APPROVAL) {
        pending.add(id + ": " + descriptions.getOrDefault(id, ""));
      } else if (last == Decision.HELD) {
        holds.add(id + ": " + descriptions.getOrDefault(id, ""));
      }
    }
    return new WorkloadReport.PackOutcome(
        pack, ids.size(), records, latest, pending, holds, escalated);
  }

  private static String describe(Collection<PolicyDecision> seen) {
    if (seen.isEmpty()) {
      return "nothing";
    }
    return seen.stream()
        .map(d -> d.getDecision() + d.getReasonCodes().toString() + " by " + d.getDecidedBy())
        .collect(Collectors.joining(", "));
  }

  /** Closes the producer and consumer. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    consumer.close(Duration.ofSeconds(5));
    operationSerializer.close();
    responseSerializer.close();
    releaseSerializer.close();
    decisionDeserializer.close();
    approvalDeserializer.close();
  }
}
