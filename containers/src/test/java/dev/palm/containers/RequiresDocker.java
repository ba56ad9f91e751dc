package dev.palm.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where a Docker engine answers, and says why it is skipped elsewhere. With
 * PALM_REQUIRE_DOCKER=1 (CI: .ci/containers.sh) the tests run anyway and fail without an engine, so
 * a broken engine can never turn into silently skipped tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
@interface RequiresDocker {

  /** The condition behind the annotation. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if ("1".equals(System.getenv("PALM_REQUIRE_DOCKER"))) {
        return ConditionEvaluationResult.enabled(
            "PALM_REQUIRE_DOCKER=1: the container tests must run");
      }
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return ConditionEvaluationResult.enabled("a Docker engine answers");
      }
      return ConditionEvaluationResult.disabled(
          "No Docker engine answers (DOCKER_HOST="
              + System.getenv("DOCKER_HOST")
              + "): the container tests are skipped here; .ci/containers.sh starts an engine and runs"
              + " them (docs/containers.md)");
    }
  }
}
