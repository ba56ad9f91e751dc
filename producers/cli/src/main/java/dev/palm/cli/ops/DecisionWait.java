package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.ClientConfig;
import dev.palm.client.DecisionSubscriber;
import dev.palm.client.PublishResult;
import dev.palm.client.StartPosition;
import dev.palm.events.PolicyDecision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

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

  /**
   * Publishes with {@code publish} and prints {@code sent} of its result; with --wait then prints
   * the next decision about the operation, or, when none arrives in time, {@code noDecisionHint} of
   * the result (why the pipeline may have ignored the answer) and returns {@link
   * ExitCode#NO_DECISION}.
   */
  int publishAndAwait(
      CommandSpec spec,
      ClientConfig config,
      String pack,
      Supplier<PublishResult> publish,
      Function<PublishResult, String> sent,
      Function<PublishResult, String> noDecisionHint) {
    PrintWriter out = spec.commandLine().getOut();
    DecisionSubscriber decisions = new DecisionSubscriber(config);
    // The end of the decisions topic before publishing, so the decision found is one that follows
    // the answer.
    Optional<StartPosition> before = waitFor.map(w -> decisions.currentEnd(pack));
    PublishResult result = publish.get();
    out.println(sent.apply(result));
    if (before.isEmpty()) {
      return ExitCode.OK.code();
    }
    Optional<PolicyDecision> decision =
        decisions.awaitDecision(pack, result.operationId(), before.get(), waitFor.get());
    if (decision.isEmpty()) {
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
    out.println(Rendering.decisionDetail(decision.get()));
    return ExitCode.OK.code();
  }
}
