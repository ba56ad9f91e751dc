package dev.palm.streams.policy;

import dev.palm.streams.operations.Finding;
import java.util.List;

/**
 * The rule ids, reason codes and messages a decision or audit record carries.
 *
 * @param ruleIds pack rules
 * @param reasonCodes reason codes
 * @param messages messages
 */
record Grounds(List<String> ruleIds, List<String> reasonCodes, List<String> messages) {

  Grounds {
    ruleIds = List.copyOf(ruleIds);
    reasonCodes = List.copyOf(reasonCodes);
    messages = List.copyOf(messages);
  }

  /** The grounds of a list of findings, in order. */
  static Grounds of(List<Finding> findings) {
    return new Grounds(
        findings.stream().map(Finding::ruleId).toList(),
        findings.stream().map(Finding::reasonCode).toList(),
        findings.stream().map(Finding::message).toList());
  }

  /** Grounds that are a single reason not tied to a rule. */
  static Grounds reason(String code, String message) {
    return new Grounds(List.of(), List.of(code), List.of(message));
  }
}
