package dev.palm.cli.ops;

import dev.palm.client.ApprovalClient;
import dev.palm.client.AvroJson;
import dev.palm.client.PendingApproval;
import java.io.PrintWriter;
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
    exitCodeList = {"0:listed (possibly none)", "2:bad flags", "3:unknown pack", "4:Kafka or registry unavailable"})
public final class ListApprovalsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(names = "--pack", required = true, paramLabel = "PACK", description = "Pack whose requests to list.")
  String pack;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or jsonl. Default: ${DEFAULT-VALUE}.")
  Rendering.Format format;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::list);
  }

  private int list() {
    PrintWriter out = spec.commandLine().getOut();
    List<PendingApproval> pending;
    try (ApprovalClient client = new ApprovalClient(connection.config())) {
      pending = client.pending(pack);
    }
    if (format == Rendering.Format.JSONL) {
      pending.forEach(p -> out.println(AvroJson.toJsonLine(Rendering.approvalJson(p))));
      return ExitCodes.OK;
    }
    if (pending.isEmpty()) {
      out.println("no open approval requests in pack " + pack);
      return ExitCodes.OK;
    }
    Instant now = Instant.now();
    Rendering.approvalTable(pending, now).forEach(out::println);
    return ExitCodes.OK;
  }
}
