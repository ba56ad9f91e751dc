package dev.palm.cli.ops;

import dev.palm.client.ApprovalClient;
import dev.palm.client.PendingApproval;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm approvals list}: the open approval requests of a pack. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the open approval requests of a pack, oldest first, from <prefix>.<pack>.approvals: every request"
          + " or escalation without a resolution. An expiry time marked '!' has passed; the pipeline settles"
          + " such a request as APPROVAL_EXPIRED.",
      "",
      "Example:",
      "  palm approvals list --pack ibank"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed (possibly none)",
      "2:bad flags",
      "3:unknown pack",
      "4:Kafka or registry unavailable"
    })
public final class ListApprovalsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose requests to list.")
  String pack;

  @Mixin OutputFormat output;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::list);
  }

  private int list() {
    List<PendingApproval> pending;
    try (ApprovalClient client = new ApprovalClient(connection.config())) {
      pending = client.pending(pack);
    }
    return output.printList(
        spec.commandLine().getOut(),
        pending,
        Rendering::approvalJson,
        "no open approval requests in pack " + pack,
        () -> Rendering.approvalTable(pending, Instant.now()));
  }
}
