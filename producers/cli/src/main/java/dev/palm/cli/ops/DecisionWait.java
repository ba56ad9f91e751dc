package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.AnswerWatch;
import dev.palm.client.ClientConfig;
import dev.palm.client.PublishResult;
import dev.palm.events.AuditRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --wait} option of the commands that answer the pipeline (approve/reject,
 * release/cancel) and the flow they share around it: publish the answer, say what was sent and,
 * with --wait, print the decision that follows.
 */
final class DecisionWait {

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      arity = "0..1",
      fallbackValue = "30s",
      converter = DurationArgument.class,
      description =
          "Wait for the decision that follows and print it (default 30s without a value).")
  Optional<Duration> waitFor = Optional.empty();

  /** The longest --wait: beyond it, follow the decisions with `palm decisions tail --follow`. */
  static final Duration MAX_WAIT = Duration.ofHours(1);

  /**
   * Refuses a --wait longer than {@link #MAX_WAIT}, before anything is published.
   *
   * @throws ParameterException naming the value and the limit
   */
  static void checkWait(CommandSpec spec, Optional<Duration> wait) {
    if (wait.isPresent() && wait.get().compareTo(MAX_WAIT) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--wait "
              + wait.get().toSeconds()
              + " s is longer than the limit of "
              + MAX_WAIT.toMinutes()
              + " minutes; follow the decisions with `palm decisions tail --follow` instead");
    }
  }

  /**
   * Publishes with {@code publish} and prints {@code sent} of its result; with --wait then prints
   * the next decision about the operation, or at once the pipeline's refusal of the answer (its
   * reasons, {@link ExitCode#NO_DECISION}), or, when neither arrives in time, {@code
   * noDecisionHint} of the result and returns {@link ExitCode#NO_DECISION}.
   */
  int publishAndAwait(
      CommandSpec spec,
      ClientConfig config,
      String pack,
      Supplier<PublishResult> publish,
      Function<PublishResult, String> sent,
      Function<PublishResult, String> noDecisionHint) {
    checkWait(spec, waitFor);
    PrintWriter out = spec.commandLine().getOut();
    AnswerWatch watch = new AnswerWatch(config);
    // The ends of the decisions and audit topics before publishing, so what is found follows the
    // answer.
    Optional<AnswerWatch.Marks> before = waitFor.map(w -> watch.mark(pack));
    PublishResult result = publish.get();
    out.println(sent.apply(result));
    if (before.isEmpty()) {
      return ExitCode.OK.code();
    }
    AnswerWatch.Outcome outcome = watch.await(pack, result, before.get(), waitFor.get());
    if (outcome instanceof AnswerWatch.Refused refused) {
      AuditRecord r = refused.record();
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": the pipeline refused the answer ("
                  + String.join(", ", r.getReasonCodes())
                  + "): "
                  + String.join(" ", r.getMessages())
                  + " [audit sequence "
                  + r.getSequence()
                  + "]");
      return ExitCode.NO_DECISION.code();
    }
    if (!(outcome instanceof AnswerWatch.Decided decided)) {
      spec.commandLine()
          .getErr()
          .println(
              spec.qualifiedName()
                  + ": no decision about operation "
                  + result.operationId()
                  + " within "
                  + waitFor.get().toSeconds()
                  + " s; "
                  + noDecisionHint.apply(result));
      return ExitCode.NO_DECISION.code();
    }
    out.println(Rendering.decisionDetail(decided.decision()));
    return ExitCode.OK.code();
  }
}
