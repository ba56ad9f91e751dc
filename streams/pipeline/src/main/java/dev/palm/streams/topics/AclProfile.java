package dev.palm.streams.topics;

import dev.palm.wire.TopicLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of a secured PALM deployment (docs/security.md): the pipeline's principal alone
 * may write decisions, approval requests, audit records and checkpoints; platforms may only publish
 * operations and outcomes and read decisions; approvers may only answer (approval responses,
 * standing approvals, hold releases) and read approval requests and decisions; auditors may only
 * read the audit trail, its checkpoints and the decisions. With the broker's authorizer denying
 * whatever no ACL allows, a write by anyone else to {@code palm.<pack>.audit} is refused by the
 * broker.
 */
public final class AclProfile {

  private AclProfile() {}

  /**
   * Who plays which part, as Kafka principals ({@code User:palm}); only the pipeline is required.
   *
   * @param pipeline the pipeline's principal
   * @param platforms the principal of the platforms that publish operations
   * @param approvers the principal of the approvers' tools
   * @param auditors the principal of the compliance officers' tools
   */
  public record Principals(
      String pipeline,
      Optional<String> platforms,
      Optional<String> approvers,
      Optional<String> auditors) {
    public Principals {
      requirePrincipal(pipeline);
      platforms.ifPresent(AclProfile::requirePrincipal);
      approvers.ifPresent(AclProfile::requirePrincipal);
      auditors.ifPresent(AclProfile::requirePrincipal);
    }
  }

  /**
   * The ACLs for {@code packs} under {@code layout}, for the pipeline with Streams application id
   * {@code applicationId}.
   */
  public static List<AclBinding> bindings(
      TopicLayout layout, Collection<String> packs, String applicationId, Principals who) {
    Objects.requireNonNull(applicationId, "applicationId");
    List<AclBinding> acls = new ArrayList<>();
    // the pipeline: every PALM topic (it provisions them), its internal topics, group, transactions
    String pipeline = who.pipeline();
    acls.add(allow(pipeline, ResourceType.TOPIC, layout.prefix() + ".", true, AclOperation.ALL));
    acls.add(allow(pipeline, ResourceType.TOPIC, applicationId + "-", true, AclOperation.ALL));
    acls.add(allow(pipeline, ResourceType.GROUP, applicationId, true, AclOperation.ALL));
    acls.add(allow(pipeline, ResourceType.TRANSACTIONAL_ID, applicationId, true, AclOperation.ALL));
    who.platforms()
        .ifPresent(
            p -> {
              write(acls, p, layout.operations().name());
              write(acls, p, layout.outcomes().name());
              packs.forEach(pack -> read(acls, p, layout.decisions(pack).name()));
            });
    who.approvers()
        .ifPresent(
            p -> {
              write(acls, p, layout.approvalResponses().name());
              write(acls, p, layout.approvalGrants().name());
              write(acls, p, layout.holdReleases().name());
              packs.forEach(
                  pack -> {
                    read(acls, p, layout.approvals(pack).name());
                    read(acls, p, layout.decisions(pack).name());
                  });
            });
    who.auditors()
        .ifPresent(
            p ->
                packs.forEach(
                    pack -> {
                      for (String topic :
                          List.of(
                              layout.audit(pack).name(),
                              layout.checkpoints(pack).name(),
                              layout.decisions(pack).name())) {
                        read(acls, p, topic);
                        acls.add(
                            allow(
                                p,
                                ResourceType.TOPIC,
                                topic,
                                false,
                                AclOperation.DESCRIBE_CONFIGS));
                      }
                    }));
    return List.copyOf(acls);
  }

  /** The {@code kafka-acls.sh} commands that create {@code acls}, one per binding. */
  public static List<String> commands(List<AclBinding> acls) {
    List<String> commands = new ArrayList<>();
    for (AclBinding acl : acls) {
      ResourcePattern pattern = acl.pattern();
      String resource =
          switch (pattern.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> "--" + pattern.resourceType().name().toLowerCase(java.util.Locale.ROOT);
          };
      commands.add(
          "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add"
              + " --allow-principal "
              + acl.entry().principal()
              + " --operation "
              + operationName(acl.entry().operation())
              + " "
              + resource
              + " '"
              + pattern.name()
              + "'"
              + (pattern.patternType() == PatternType.PREFIXED
                  ? " --resource-pattern-type prefixed"
                  : ""));
    }
    return List.copyOf(commands);
  }

  private static String operationName(AclOperation operation) {
    // kafka-acls spells them in camel case: DescribeConfigs, IdempotentWrite, All
    StringBuilder name = new StringBuilder();
    for (String part : operation.name().split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  private static void write(List<AclBinding> acls, String principal, String topic) {
    acls.add(allow(principal, ResourceType.TOPIC, topic, false, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TOPIC, topic, false, AclOperation.DESCRIBE));
  }

  private static void read(List<AclBinding> acls, String principal, String topic) {
    acls.add(allow(principal, ResourceType.TOPIC, topic, false, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TOPIC, topic, false, AclOperation.DESCRIBE));
  }

  private static AclBinding allow(
      String principal, ResourceType type, String name, boolean prefixed, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, prefixed ? PatternType.PREFIXED : PatternType.LITERAL),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  private static void requirePrincipal(String principal) {
    if (principal == null || !principal.matches("[A-Za-z]+:[^\\s]+")) {
      throw new IllegalArgumentException(
          "'" + principal + "' is not a Kafka principal; write it as User:NAME");
    }
  }
}
