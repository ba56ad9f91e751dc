package dev.palm.cli.audit;

import dev.palm.cli.ops.DurationArgument;
import dev.palm.cli.ops.TimeArgument;
import dev.palm.client.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The time range options of the audit commands: {@code --from}, {@code --to} and the timestamp
 * skew.
 */
public final class RangeOptions {

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeArgument.class,
      description =
          "Start of the range (inclusive, on recorded_at). Default: the oldest retained record. Forms: "
              + TimeArgument.FORMS
              + ".")
  Optional<Instant> from = Optional.empty();

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = TimeArgument.class,
      description = "End of the range (exclusive). Default: the current end of the topic.")
  Optional<Instant> to = Optional.empty();

  @Option(
      names = "--skew",
      paramLabel = "DURATION",
      converter = DurationArgument.class,
      defaultValue = "5m",
      description =
          "How far Kafka record timestamps may differ from recorded_at: the read starts this much"
              + " before --from and stops this much after --to. Default: ${DEFAULT-VALUE}.")
  Duration skew = AuditQuery.DEFAULT_SKEW;

  /** A query builder for {@code pack} with this range. */
  AuditQuery.Builder query(String pack) {
    AuditQuery.Builder builder = AuditQuery.builder(pack).timestampSkew(skew);
    from.ifPresent(builder::from);
    to.ifPresent(builder::to);
    return builder;
  }
}
