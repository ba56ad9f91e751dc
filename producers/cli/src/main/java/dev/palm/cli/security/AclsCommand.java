package dev.palm.cli.security;

import dev.palm.cli.ExitCode;
import dev.palm.cli.packs.PackSources;
import dev.palm.packs.PackException;
import dev.palm.packs.registry.PackRegistry;
import dev.palm.streams.service.PipelineConfig;
import dev.palm.streams.topics.AclProfile;
import dev.palm.wire.TopicLayout;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palm acls}: prints the kafka-acls commands of the secured profile (docs/security.md). */
@Command(
    name = "acls",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the kafka-acls.sh commands that give each PALM role exactly what it needs, for a"
          + " broker whose authorizer denies what no ACL allows (docs/security.md): only the"
          + " pipeline's principal may write decisions, approval requests, audit records and"
          + " checkpoints.",
      "",
      "Example:",
      "  palm acls --pipeline User:palm --platforms User:platform --approvers User:approvers \\\\",
      "      --auditors User:compliance > acls.sh"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:bad flags", "3:a pack file cannot be loaded"})
public final class AclsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin PackSources sources;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "PRINCIPAL",
      description = "The pipeline's Kafka principal, e.g. User:palm.")
  String pipeline;

  @Option(
      names = "--platforms",
      paramLabel = "PRINCIPAL",
      description = "Principal of the platforms that publish operations and outcomes.")
  Optional<String> platforms = Optional.empty();

  @Option(
      names = "--approvers",
      paramLabel = "PRINCIPAL",
      description = "Principal of the approvers' tools (answers, standing approvals, releases).")
  Optional<String> approvers = Optional.empty();

  @Option(
      names = "--auditors",
      paramLabel = "PRINCIPAL",
      description = "Principal of the compliance officers' tools (read audit and checkpoints).")
  Optional<String> auditors = Optional.empty();

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = PipelineConfig.DEFAULT_APPLICATION_ID,
      description = "The pipeline's application.id. Default: ${DEFAULT-VALUE}.")
  String applicationId = PipelineConfig.DEFAULT_APPLICATION_ID;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = TopicLayout.DEFAULT_PREFIX,
      description = "First part of every topic name. Default: ${DEFAULT-VALUE}.")
  String topicPrefix = TopicLayout.DEFAULT_PREFIX;

  @Override
  public Integer call() {
    AclProfile.Principals principals;
    try {
      principals = new AclProfile.Principals(pipeline, platforms, approvers, auditors);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<String> packs;
    try {
      PackRegistry registry = sources.registry();
      packs = registry.packs().stream().map(PackRegistry.RegisteredPack::name).toList();
    } catch (PackException e) {
      spec.commandLine().getErr().println("palm acls: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("# PALM secured profile: ACLs for packs " + String.join(", ", packs));
    out.println("# run with BOOTSTRAP set and admin.properties holding an admin's SASL settings");
    AclProfile.commands(
            AclProfile.bindings(
                TopicLayout.withPrefix(topicPrefix), packs, applicationId, principals))
        .forEach(out::println);
    out.flush();
    return ExitCode.OK.code();
  }
}
