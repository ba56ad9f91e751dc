package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Descriptive metadata of a platform pack: its identity, authorship, compatibility and timestamps.
 *
 * <p>{@code createdAt}/{@code updatedAt} default to the current instant, as in the original; the
 * canonical packs use a fixed instant so that their configuration is reproducible.
 *
 * <p>Defaults follow docs/pack-contract.md §2.3; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param name the pack's unique name (alphanumerics, {@code _}, {@code -}) (file: {@code name};
 *     default {@code "unknown"})
 * @param displayName a human-readable name (file: {@code display_name}; default {@code "Unknown
 *     Platform"})
 * @param version the pack's semantic version (file: {@code version}; default {@code "0.1.0"})
 * @param description what the platform is for (file: {@code description}; default {@code "No
 *     description"})
 * @param author who maintains the pack (file: {@code author}; default {@code "Unknown"})
 * @param license the pack's license (file: {@code license}; default {@code "UNLICENSED"})
 * @param homepage the platform's home page (file: {@code homepage}; default {@code
 *     Optional.empty()})
 * @param repository the pack's source repository (file: {@code repository}; default {@code
 *     Optional.empty()})
 * @param documentation the platform's documentation (file: {@code documentation}; default {@code
 *     Optional.empty()})
 * @param keywords search keywords (file: {@code keywords}; default {@code List.of()})
 * @param compatibility the PALM/Resonance versions and features the pack needs (file: {@code
 *     compatibility}; default {@code CompatibilityInfo.defaults()})
 * @param createdAt when the pack was created (file: {@code created_at}; default {@code
 *     Instant.now()})
 * @param updatedAt when the pack was last changed (file: {@code updated_at}; default {@code
 *     Instant.now()})
 * @param extra free-form JSON-like metadata (file: {@code extra}; default {@code Map.of()})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record PlatformMetadata(
    String name,
    String displayName,
    String version,
    String description,
    String author,
    String license,
    Optional<String> homepage,
    Optional<String> repository,
    Optional<String> documentation,
    List<String> keywords,
    CompatibilityInfo compatibility,
    Instant createdAt,
    Instant updatedAt,
    Map<String, Object> extra) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public PlatformMetadata {
    Objects.requireNonNull(name, "PlatformMetadata.name" + " must not be null");
    Objects.requireNonNull(displayName, "PlatformMetadata.display_name" + " must not be null");
    Objects.requireNonNull(version, "PlatformMetadata.version" + " must not be null");
    Objects.requireNonNull(description, "PlatformMetadata.description" + " must not be null");
    Objects.requireNonNull(author, "PlatformMetadata.author" + " must not be null");
    Objects.requireNonNull(license, "PlatformMetadata.license" + " must not be null");
    homepage = homepage == null ? Optional.empty() : homepage;
    repository = repository == null ? Optional.empty() : repository;
    documentation = documentation == null ? Optional.empty() : documentation;
    keywords = Values.list(keywords, "PlatformMetadata.keywords");
    compatibility = compatibility == null ? CompatibilityInfo.defaults() : compatibility;
    Objects.requireNonNull(createdAt, "PlatformMetadata.created_at" + " must not be null");
    Objects.requireNonNull(updatedAt, "PlatformMetadata.updated_at" + " must not be null");
    extra = Values.jsonMap(extra, "PlatformMetadata.extra");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.3). */
  public static PlatformMetadata defaults() {
    return new PlatformMetadata(
        "unknown",
        "Unknown Platform",
        "0.1.0",
        "No description",
        "Unknown",
        "UNLICENSED",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        CompatibilityInfo.defaults(),
        Instant.now(),
        Instant.now(),
        Map.of());
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static PlatformMetadataBuilder builder() {
    return PlatformMetadataBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public PlatformMetadataBuilder toBuilder() {
    return PlatformMetadataBuilder.builder(this);
  }
}
