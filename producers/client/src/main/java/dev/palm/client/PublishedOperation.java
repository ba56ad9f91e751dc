package dev.palm.client;

import dev.palm.events.PolicyDecision;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OperationPublisher#publishAndWait} returns: where the operation was published and the
 * decision, if it arrived before the timeout.
 *
 * @param published position of the published operation
 * @param decision the first decision about it, empty when none arrived in time
 */
public record PublishedOperation(PublishResult published, Optional<PolicyDecision> decision) {

  public PublishedOperation {
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(decision, "decision");
  }
}
