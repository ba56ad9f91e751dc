package dev.palm.audit;

import dev.palm.events.AccountabilityProof;
import dev.palm.events.Actor;
import dev.palm.events.AgentSpecSummary;
import dev.palm.events.ApprovalResponse;
import dev.palm.events.HoldRelease;
import dev.palm.events.OperationRequested;
import dev.palm.events.ResourceRequests;
import dev.palm.events.StandingApproval;
import dev.palm.packs.IntegrityAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Accountability proofs (docs/audit-format.md §8): the canonical digest of an operation request, an
 * approver's answer or a hold release that its actor signs with an Ed25519 key, and the signing and
 * checking of that signature. Each digest covers every field that decides what the input does and
 * who sends it, plus the proof's key id and signing time, and starts with its kind, so a signature
 * cannot be moved to another input, kind, actor, pack or moment.
 */
public final class RequestProofs {

  /** The algorithm name written in proofs. */
  public static final String ALGORITHM = "ed25519";

  /** The first field of every operation digest: the digest's kind and version. */
  public static final String OPERATION_DOMAIN = "palm.operation-proof.v1";

  /** The first field of every approval-answer digest. */
  public static final String APPROVAL_DOMAIN = "palm.approval-proof.v1";

  /** The first field of every hold-release digest. */
  public static final String RELEASE_DOMAIN = "palm.hold-release-proof.v1";

  /** The first field of every standing-approval digest. */
  public static final String GRANT_DOMAIN = "palm.standing-approval-proof.v1";

  private RequestProofs() {}

  /**
   * The canonical bytes of {@code op} for a proof by key {@code keyId} signed at {@code signedAt}:
   * each field as its UTF-8 byte length in decimal, {@code ':'}, and its UTF-8 bytes; an absent
   * field as {@code -1:}. The order and the fields are those of docs/audit-format.md §8.
   */
  public static byte[] operationBytes(OperationRequested op, String keyId, Instant signedAt) {
    List<String> fields = new ArrayList<>();
    fields.add(OPERATION_DOMAIN);
    fields.add(op.getPack());
    fields.add(op.getOperationId());
    fields.add(op.getOperation());
    fields.add(op.getDeploymentId());
    fields.add(op.getAgentId());
    actor(fields, op.getActor());
    fields.add(op.getEnvironment());
    fields.add(millis(op.getRequestedAt()));
    fields.add(text(op.getTargetReplicas()));
    fields.add(text(op.getInstanceCount()));
    ResourceRequests r = op.getResources();
    fields.add(r == null ? null : text(r.getCpuMillicores()));
    fields.add(r == null ? null : text(r.getMemoryMb()));
    fields.add(r == null ? null : text(r.getStorageMb()));
    fields.add(r == null ? null : text(r.getNetworkKbps()));
    Map<String, String> params = op.getParameters() == null ? Map.of() : op.getParameters();
    fields.add(Integer.toString(params.size()));
    params.entrySet().stream()
        .sorted((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())))
        .forEach(
            e -> {
              fields.add(e.getKey());
              fields.add(e.getValue());
            });
    fields.add(op.getJustification());
    AgentSpecSummary spec = op.getAgentSpec();
    fields.add(spec == null ? null : spec.getName());
    fields.add(spec == null ? null : spec.getVersion());
    fields.add(spec == null ? null : Long.toString(spec.getAttentionBudget()));
    fields.add(spec == null ? null : Integer.toString(spec.getCouplingSlots()));
    fields.add(keyId);
    fields.add(millis(signedAt));
    return encode(fields);
  }

  /**
   * The canonical bytes of an approver's answer for a proof by key {@code keyId} signed at {@code
   * signedAt}, in the encoding and field order of docs/audit-format.md §8.
   */
  public static byte[] approvalBytes(ApprovalResponse answer, String keyId, Instant signedAt) {
    List<String> fields = new ArrayList<>();
    fields.add(APPROVAL_DOMAIN);
    fields.add(answer.getPack());
    fields.add(answer.getApprovalId());
    fields.add(answer.getOperationId());
    actor(fields, answer.getApprover());
    fields.add(answer.getVerdict() == null ? null : answer.getVerdict().name());
    fields.add(answer.getComment());
    fields.add(millis(answer.getRespondedAt()));
    fields.add(keyId);
    fields.add(millis(signedAt));
    return encode(fields);
  }

  /**
   * The canonical bytes of a hold release or cancellation for a proof by key {@code keyId} signed
   * at {@code signedAt}, in the encoding and field order of docs/audit-format.md §8.
   */
  public static byte[] releaseBytes(HoldRelease release, String keyId, Instant signedAt) {
    List<String> fields = new ArrayList<>();
    fields.add(RELEASE_DOMAIN);
    fields.add(release.getPack());
    fields.add(release.getHoldId());
    fields.add(release.getOperationId());
    actor(fields, release.getReleasedBy());
    fields.add(release.getAction() == null ? null : release.getAction().name());
    fields.add(release.getReason());
    fields.add(millis(release.getReleasedAt()));
    fields.add(keyId);
    fields.add(millis(signedAt));
    return encode(fields);
  }

  /**
   * The canonical bytes of a standing approval or its revocation for a proof by key {@code keyId}
   * signed at {@code signedAt}, in the encoding and field order of docs/audit-format.md §8.
   */
  public static byte[] grantBytes(StandingApproval grant, String keyId, Instant signedAt) {
    List<String> fields = new ArrayList<>();
    fields.add(GRANT_DOMAIN);
    fields.add(grant.getPack());
    fields.add(grant.getGrantId());
    fields.add(grant.getAction() == null ? null : grant.getAction().name());
    actor(fields, grant.getGrantedBy());
    list(fields, grant.getOperations());
    list(fields, grant.getDeployments());
    fields.add(Integer.toString(grant.getMaxUses()));
    fields.add(millis(grant.getExpiresAt()));
    fields.add(grant.getReason());
    fields.add(millis(grant.getIssuedAt()));
    fields.add(keyId);
    fields.add(millis(signedAt));
    return encode(fields);
  }

  /**
   * The canonical bytes of any signable input ({@link OperationRequested}, {@link
   * ApprovalResponse}, {@link HoldRelease}, {@link StandingApproval}).
   *
   * @throws IllegalArgumentException for any other type
   */
  public static byte[] bytesOf(SpecificRecord input, String keyId, Instant signedAt) {
    if (input instanceof OperationRequested op) {
      return operationBytes(op, keyId, signedAt);
    }
    if (input instanceof ApprovalResponse answer) {
      return approvalBytes(answer, keyId, signedAt);
    }
    if (input instanceof HoldRelease release) {
      return releaseBytes(release, keyId, signedAt);
    }
    if (input instanceof StandingApproval grant) {
      return grantBytes(grant, keyId, signedAt);
    }
    throw new IllegalArgumentException(
        "inputs of type " + input.getClass().getSimpleName() + " carry no proof");
  }

  /** SHA-256 of {@link #bytesOf}: what the signer's key signs. */
  public static byte[] digest(SpecificRecord input, String keyId, Instant signedAt) {
    return Digests.newDigest(IntegrityAlgorithm.SHA256).digest(bytesOf(input, keyId, signedAt));
  }

  /**
   * The proof of {@code input} by {@code keys}: its key id is that of the public key, the signing
   * time {@code signedAt} (truncated to milliseconds, as the proof keeps it).
   */
  public static AccountabilityProof sign(SpecificRecord input, KeyPair keys, Instant signedAt) {
    String keyId = SigningKeys.keyId(keys.getPublic());
    Instant at = Instant.ofEpochMilli(signedAt.toEpochMilli());
    byte[] signature = ed25519(keys.getPrivate(), digest(input, keyId, at));
    return new AccountabilityProof(
        keyId, ALGORITHM, Base64.getEncoder().encodeToString(signature), at);
  }

  /**
   * Whether {@code proof} is a valid Ed25519 signature by {@code publicKey} over {@code input}'s
   * digest (with the proof's key id and signing time). The proof's own fields are not judged here
   * (key id, algorithm, age): see the pipeline's proof check.
   */
  public static boolean verify(
      SpecificRecord input, AccountabilityProof proof, PublicKey publicKey) {
    if (proof == null || proof.getSignature() == null || proof.getSignedAt() == null) {
      return false;
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(proof.getSignature().strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return SigningKeys.verify(
        publicKey, digest(input, proof.getKeyId(), proof.getSignedAt()), signature);
  }

  private static void actor(List<String> fields, Actor actor) {
    fields.add(actor == null ? null : actor.getId());
    fields.add(actor == null || actor.getType() == null ? null : actor.getType().name());
  }

  /** A list as its size, then its items in the order given. */
  private static void list(List<String> fields, List<String> items) {
    List<String> all = items == null ? List.of() : items;
    fields.add(Integer.toString(all.size()));
    fields.addAll(all);
  }

  private static String millis(Instant t) {
    return t == null ? null : Long.toString(t.toEpochMilli());
  }

  private static byte[] ed25519(PrivateKey key, byte[] digest) {
    try {
      return SigningKeys.sign(key, digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  private static String text(Integer value) {
    return value == null ? null : value.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(List<String> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String f : fields) {
      if (f == null) {
        out.writeBytes(utf8("-1:"));
      } else {
        byte[] b = utf8(f);
        out.writeBytes(utf8(b.length + ":"));
        out.writeBytes(b);
      }
    }
    return out.toByteArray();
  }
}
