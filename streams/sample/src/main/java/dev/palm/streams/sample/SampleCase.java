package dev.palm.streams.sample;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One operation of the sample workload and the story the pack demands for it: every decision
 * expected on the pack's decisions topic in order (e.g. HELD, then DENIED after the release hit a
 * limit), the escalation levels its approval request must reach, and audit records that must exist
 * for it (e.g. a refused self-approval).
 *
 * @param pack the pack whose order the operation joins
 * @param path the decision path it exercises, e.g. {@code held -> released -> allowed}
 * @param operationId the operation id
 * @param description what the operation is, for people reading the summary
 * @param expected the decisions expected, in order
 * @param expectedIn for each expected decision, the name of the phase after which it must have been
 *     seen
 * @param escalationLevels escalation levels expected on the pack's approvals topic, ascending
 * @param audit audit records expected for the operation
 */
public record SampleCase(
    String pack,
    String path,
    String operationId,
    String description,
    List<Expect> expected,
    List<String> expectedIn,
    List<Integer> escalationLevels,
    List<AuditExpectation> audit) {

  /**
   * How many decisions must have been seen once the phases {@code donePhases} have been processed.
   */
  public int expectedAfter(Collection<String> donePhases) {
    return (int) expectedIn.stream().filter(donePhases::contains).count();
  }

  /** Validates and copies the components. */
  public SampleCase {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(description, "description");
    expected = List.copyOf(expected);
    expectedIn = List.copyOf(expectedIn);
    escalationLevels = List.copyOf(escalationLevels);
    audit = List.copyOf(audit);
    if (expected.isEmpty()) {
      throw new IllegalArgumentException(
          "case " + path + " of pack " + pack + " expects no decision");
    }
    if (expectedIn.size() != expected.size()) {
      throw new IllegalArgumentException(
          "case "
              + path
              + " of pack "
              + pack
              + " names "
              + expectedIn.size()
              + " phases for "
              + expected.size()
              + " expected decisions");
    }
  }
}
