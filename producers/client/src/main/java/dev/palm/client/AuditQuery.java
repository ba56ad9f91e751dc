package dev.palm.client;

import dev.palm.events.AuditEventType;
import dev.palm.events.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit records to read: a pack, a time range on {@code recorded_at} ({@code from} inclusive,
 * {@code to} exclusive) and optional filters. Filters choose what is returned; the chain is
 * verified over every record read, filtered or not.
 *
 * @param pack the pack whose audit topic is read
 * @param from start of the range (inclusive); empty = the oldest retained record
 * @param to end of the range (exclusive); empty = the current end of the topic
 * @param deploymentId only records about this deployment
 * @param operationId only records about this operation
 * @param actorId only records whose actor is this
 * @param eventTypes only these event types; empty = all
 * @param timestampSkew how far a record's Kafka timestamp may differ from its {@code recorded_at};
 *     the read starts this much before {@code from} (via {@code offsetsForTimes}) and stops this
 *     much after {@code to}
 */
public record AuditQuery(
    String pack,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> deploymentId,
    Optional<String> operationId,
    Optional<String> actorId,
    Set<AuditEventType> eventTypes,
    Duration timestampSkew) {

  /** The default allowance between Kafka record timestamps and {@code recorded_at}. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  public AuditQuery {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(actorId, "actorId");
    eventTypes = Set.copyOf(eventTypes);
    Objects.requireNonNull(timestampSkew, "timestampSkew");
    if (timestampSkew.isNegative()) {
      throw new IllegalArgumentException(
          "The timestamp skew must not be negative, got " + timestampSkew);
    }
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException(
          "The end of the time range (" + to.get() + ") is before its start (" + from.get() + ")");
    }
  }

  /** Everything retained for a pack; narrow it with the builder. */
  public static Builder builder(String pack) {
    return new Builder(pack);
  }

  /** Whether the record's {@code recorded_at} is in the range. */
  public boolean inRange(AuditRecord record) {
    Instant at = record.getRecordedAt();
    return from.map(f -> !at.isBefore(f)).orElse(true) && to.map(at::isBefore).orElse(true);
  }

  /** Whether the record is in the range and passes every filter. */
  public boolean matches(AuditRecord record) {
    return inRange(record)
        && deploymentId.map(d -> d.equals(record.getDeploymentId())).orElse(true)
        && operationId.map(o -> o.equals(record.getOperationId())).orElse(true)
        && actorId.map(a -> a.equals(record.getActorId())).orElse(true)
        && (eventTypes.isEmpty() || eventTypes.contains(record.getEventType()));
  }

  /** Whether any filter beyond the time range is set. */
  public boolean hasFilters() {
    return deploymentId.isPresent()
        || operationId.isPresent()
        || actorId.isPresent()
        || !eventTypes.isEmpty();
  }

  /** Builds an {@link AuditQuery}. */
  public static final class Builder {
    private final String pack;
    private Instant from;
    private Instant to;
    private String deploymentId;
    private String operationId;
    private String actorId;
    private final Set<AuditEventType> eventTypes = EnumSet.noneOf(AuditEventType.class);
    private Duration skew = DEFAULT_SKEW;

    private Builder(String pack) {
      this.pack = Objects.requireNonNull(pack, "pack");
    }

    /** Start of the range, inclusive. */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /** End of the range, exclusive. */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /** Only records about this deployment. */
    public Builder deploymentId(String deploymentId) {
      this.deploymentId = deploymentId;
      return this;
    }

    /** Only records about this operation. */
    public Builder operationId(String operationId) {
      this.operationId = operationId;
      return this;
    }

    /** Only records of this actor. */
    public Builder actorId(String actorId) {
      this.actorId = actorId;
      return this;
    }

    /** Only these event types (added to any given before). */
    public Builder eventTypes(Set<AuditEventType> types) {
      eventTypes.addAll(types);
      return this;
    }

    /** Only this event type (added to any given before). */
    public Builder eventType(AuditEventType type) {
      eventTypes.add(type);
      return this;
    }

    /** The allowance between Kafka timestamps and {@code recorded_at}. */
    public Builder timestampSkew(Duration skew) {
      this.skew = skew;
      return this;
    }

    public AuditQuery build() {
      return new AuditQuery(
          pack,
          Optional.ofNullable(from),
          Optional.ofNullable(to),
          Optional.ofNullable(deploymentId),
          Optional.ofNullable(operationId),
          Optional.ofNullable(actorId),
          eventTypes,
          skew);
    }
  }
}
