package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.Identity;
import dev.palm.client.Outcome;
import dev.palm.client.OutcomeReporter;
import dev.palm.client.PackTopics;
import dev.palm.client.PublishResult;
import dev.palm.client.UnknownPackException;
import dev.palm.events.OutcomeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm outcomes report}: publishes an {@code OperationOutcome} to {@code palm.outcomes}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Report that an operation was executed (succeeded) or failed, as the executor --as. The pipeline"
          + " matches it against what was allowed: an outcome of an operation that was never allowed is"
          + " audited as UNAUTHORIZED_EXECUTION.",
      "",
      "Example:",
      "  palm outcomes report --pack ibank --operation 3f2c9a1e-... \\",
      "      --deployment payments-eu --status succeeded --as deployer-svc"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:reported",
      "2:bad flags",
      "3:unknown pack",
      "4:Kafka or registry unavailable"
    })
public final class ReportOutcomeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack of the operation.")
  String pack;

  @Option(
      names = {"--operation", "--operation-id"},
      required = true,
      paramLabel = "ID",
      description = "Operation id that was executed.")
  String operationId;

  @Option(
      names = "--deployment",
      required = true,
      paramLabel = "ID",
      description = "Deployment it ran on.")
  String deployment;

  @Option(
      names = "--status",
      required = true,
      paramLabel = "STATUS",
      description = "succeeded or failed.")
  OutcomeStatus status;

  @Option(names = "--as", required = true, paramLabel = "ID", description = "Executor identity.")
  String executor;

  @Option(
      names = "--actor-type",
      paramLabel = "TYPE",
      defaultValue = "service",
      description = "Executor type: human, agent, service or system. Default: ${DEFAULT-VALUE}.")
  String actorType;

  @Option(
      names = "--operation-name",
      paramLabel = "NAME",
      description = "Operation name as executed.")
  Optional<String> operationName = Optional.empty();

  @Option(
      names = "--detail",
      paramLabel = "TEXT",
      description = "Free text, e.g. the error of a failure.")
  Optional<String> detail = Optional.empty();

  @Option(
      names = "--executed-at",
      paramLabel = "TIME",
      converter = TimeArgument.class,
      description = "When execution finished. Default: now. Forms: " + TimeArgument.FORMS + ".")
  Optional<Instant> executedAt = Optional.empty();

  @Option(
      names = "--skip-pack-check",
      description = "Report even if the pack has no topics on the cluster.")
  boolean skipPackCheck;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::report);
  }

  private int report() {
    Outcome outcome =
        new Outcome(
            pack,
            operationId,
            operationName,
            deployment,
            status,
            Identity.of(executor, actorType),
            executedAt.orElseGet(Instant::now),
            detail);
    var config = connection.config();
    if (!skipPackCheck) {
      List<String> known = PackTopics.knownPacks(config);
      if (!known.contains(pack)) {
        throw new UnknownPackException(
            pack, config.layout().decisions(pack).name(), known, config.topicPrefix());
      }
    }
    PublishResult result;
    try (OutcomeReporter reporter = new OutcomeReporter(config)) {
      result = reporter.report(outcome);
    }
    spec.commandLine()
        .getOut()
        .println(
            "reported "
                + status.name().toLowerCase(java.util.Locale.ROOT)
                + " for operation "
                + operationId
                + " on "
                + deployment
                + " as "
                + executor
                + " (at "
                + result.position()
                + ")");
    return ExitCode.OK.code();
  }
}
