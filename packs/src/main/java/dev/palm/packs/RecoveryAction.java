package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recovery step, tried in ascending {@code order} when its conditions hold.
 *
 * <p>Defaults follow docs/pack-contract.md §2.8 (the default is the default action list's single
 * {@code restart} action); in a pack file the fields are spelled in snake_case.
 *
 * @param name the action's name (file: {@code name}; default {@code "restart"})
 * @param actionType what the action does (file: {@code action_type}; default {@code
 *     RecoveryActionType.RESTART})
 * @param order position among the actions; lower runs earlier (file: {@code order}; default {@code
 *     1})
 * @param conditions conditions under which the action applies; empty = always (file: {@code
 *     conditions}; default {@code List.of()})
 * @param params JSON-like action parameters (file: {@code params}; default {@code Map.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record RecoveryAction(
    String name,
    RecoveryActionType actionType,
    int order,
    List<String> conditions,
    Map<String, Object> params) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public RecoveryAction {
    Objects.requireNonNull(name, "RecoveryAction.name" + " must not be null");
    Objects.requireNonNull(actionType, "RecoveryAction.action_type" + " must not be null");
    Values.unsigned(order, "RecoveryAction.order");
    conditions = Values.list(conditions, "RecoveryAction.conditions");
    params = Values.jsonMap(params, "RecoveryAction.params");
  }

  /**
   * Returns the documented defaults (docs/pack-contract.md §2.8 (the default is the default action
   * list's single {@code restart} action)).
   */
  public static RecoveryAction defaults() {
    return new RecoveryAction("restart", RecoveryActionType.RESTART, 1, List.of(), Map.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static RecoveryActionBuilder builder() {
    return RecoveryActionBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public RecoveryActionBuilder toBuilder() {
    return RecoveryActionBuilder.builder(this);
  }
}
