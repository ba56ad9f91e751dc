package dev.palm.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.client.ClientConfig;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.streams.topics.TopicProvisioner;
import dev.palm.wire.TopicLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two pipeline containers in one consumer group over topics of two partitions (Mapleverse's
 * operations hash to one, Finalverse's to the other): the work is split between them, and when one
 * is killed the other takes its partitions over, every acknowledged operation decided exactly once.
 */
@Tag("integration")
@RequiresDocker
class TwoInstancesTest {

  @Test
  void twoInstancesSplitTheWorkAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
    KafkaNode kafka = SharedStack.kafka();
    RegistryNode registry = SharedStack.registry();
    PipelineNode.Settings base = PipelineNode.Settings.unique("pair");
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    PipelineNode a = null;
    PipelineNode b = null;
    try (Admin admin = Admin.create(adminProps)) {
      // every topic with two partitions before either instance starts (PALM creates one otherwise)
      TopicProvisioner.builder(TopicLayout.withPrefix(base.topicPrefix()))
          .inputPartitions(2)
          .packTopicPartitions(2)
          .build()
          .provision(admin, CanonicalPack.all(), false);
      a =
          new PipelineNode(kafka.bootstrapServers(), registry.url(), base.instance("a"))
              .withSharedSigningKey(base.volume() + "-keys");
      b =
          new PipelineNode(kafka.bootstrapServers(), registry.url(), base.instance("b"))
              .withSharedSigningKey(base.volume() + "-keys");
      a.start();
      b.start();
      List<MemberDescription> members = awaitTwoMembersWithWork(admin, base.applicationId());
      assertThat(members)
          .as("both instances hold partitions")
          .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());

      ClientConfig config = Stacks.client(kafka, registry, base.topicPrefix());
      try (DecisionWatch maple = new DecisionWatch(config, "mapleverse");
          DecisionWatch finale = new DecisionWatch(config, "finalverse");
          Load mapleLoad = new Load(config, "mapleverse", 20, "pair-m").start();
          Load finalLoad = new Load(config, "finalverse", 20, "pair-f").start()) {
        maple.awaitTotal(40);
        finale.awaitTotal(40);

        long killedAt = System.nanoTime();
        a.kill();
        a = null;
        maple.awaitTotal(maple.total() + 100);
        finale.awaitTotal(finale.total() + 100);
        Set<String> mapleOps = mapleLoad.stop();
        Set<String> finalOps = finalLoad.stop();

        Stacks.assertExactlyOneDecisionEach(maple, mapleOps);
        Stacks.assertExactlyOneDecisionEach(finale, finalOps);
        System.out.printf(
            "TAKEOVER: one of two instances killed; longest gap between decisions %.1f s"
                + " (Mapleverse) and %.1f s (Finalverse); the survivor decided the rest, exactly once%n",
            Stacks.seconds(maple.longestGapAfter(killedAt)),
            Stacks.seconds(finale.longestGapAfter(killedAt)));
      }
      List<MemberDescription> after =
          describe(admin, base.applicationId()).members().stream().toList();
      assertThat(after).hasSize(1);
      Set<Integer> partitions = new HashSet<>();
      after.get(0).assignment().topicPartitions().stream()
          .filter(tp -> tp.topic().equals(base.topicPrefix() + ".operations"))
          .forEach(tp -> partitions.add(tp.partition()));
      assertThat(partitions)
          .as("the survivor reads both partitions")
          .containsExactlyInAnyOrder(0, 1);

      for (String pack : List.of("mapleverse", "finalverse")) {
        PalmCommand.Result verify =
            Stacks.verify(kafka, registry, base.topicPrefix(), pack, b.trustedKey());
        assertThat(verify.exitCode()).as(pack + ": " + verify.output()).isZero();
      }
    } finally {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      Docker.removeVolume(base.instance("a").volume());
      Docker.removeVolume(base.instance("b").volume());
      Docker.removeVolume(base.volume() + "-keys");
    }
  }

  private static List<MemberDescription> awaitTwoMembersWithWork(Admin admin, String group)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      List<MemberDescription> members = List.copyOf(describe(admin, group).members());
      if (members.size() == 2
          && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        return members;
      }
      if (System.nanoTime() > deadline) {
        return members;
      }
      Thread.sleep(500);
    }
  }

  private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
    return admin
        .describeConsumerGroups(List.of(group))
        .describedGroups()
        .get(group)
        .get(30, TimeUnit.SECONDS);
  }
}
