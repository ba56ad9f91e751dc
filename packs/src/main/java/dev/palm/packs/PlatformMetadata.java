package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link PlatformMetadata}; every field starts from the value it was created from. */
  public static final class Builder {
    private String name;
    private String displayName;
    private String version;
    private String description;
    private String author;
    private String license;
    private Optional<String> homepage;
    private Optional<String> repository;
    private Optional<String> documentation;
    private List<String> keywords;
    private CompatibilityInfo compatibility;
    private Instant createdAt;
    private Instant updatedAt;
    private Map<String, Object> extra;

    private Builder(PlatformMetadata from) {
      this.name = from.name();
      this.displayName = from.displayName();
      this.version = from.version();
      this.description = from.description();
      this.author = from.author();
      this.license = from.license();
      this.homepage = from.homepage();
      this.repository = from.repository();
      this.documentation = from.documentation();
      this.keywords = from.keywords();
      this.compatibility = from.compatibility();
      this.createdAt = from.createdAt();
      this.updatedAt = from.updatedAt();
      this.extra = from.extra();
    }

    /** Sets {@code name}: the pack's unique name (alphanumerics, {@code _}, {@code -}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code display_name}: a human-readable name. */
    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Sets {@code version}: the pack's semantic version. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Sets {@code description}: what the platform is for. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets {@code author}: who maintains the pack. */
    public Builder author(String author) {
      this.author = author;
      return this;
    }

    /** Sets {@code license}: the pack's license. */
    public Builder license(String license) {
      this.license = license;
      return this;
    }

    /** Sets {@code homepage}: the platform's home page. */
    public Builder homepage(Optional<String> homepage) {
      this.homepage = homepage;
      return this;
    }

    /** Sets {@code homepage}; {@code null} means absent. */
    public Builder homepage(String homepage) {
      this.homepage = Optional.ofNullable(homepage);
      return this;
    }

    /** Sets {@code repository}: the pack's source repository. */
    public Builder repository(Optional<String> repository) {
      this.repository = repository;
      return this;
    }

    /** Sets {@code repository}; {@code null} means absent. */
    public Builder repository(String repository) {
      this.repository = Optional.ofNullable(repository);
      return this;
    }

    /** Sets {@code documentation}: the platform's documentation. */
    public Builder documentation(Optional<String> documentation) {
      this.documentation = documentation;
      return this;
    }

    /** Sets {@code documentation}; {@code null} means absent. */
    public Builder documentation(String documentation) {
      this.documentation = Optional.ofNullable(documentation);
      return this;
    }

    /** Sets {@code keywords}: search keywords. */
    public Builder keywords(List<String> keywords) {
      this.keywords = keywords;
      return this;
    }

    /** Sets {@code compatibility}: the PALM/Resonance versions and features the pack needs. */
    public Builder compatibility(CompatibilityInfo compatibility) {
      this.compatibility = compatibility;
      return this;
    }

    /** Sets {@code created_at}: when the pack was created. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Sets {@code updated_at}: when the pack was last changed. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** Sets {@code extra}: free-form JSON-like metadata. */
    public Builder extra(Map<String, Object> extra) {
      this.extra = extra;
      return this;
    }

    /** Creates the record. */
    public PlatformMetadata build() {
      return new PlatformMetadata(
          name,
          displayName,
          version,
          description,
          author,
          license,
          homepage,
          repository,
          documentation,
          keywords,
          compatibility,
          createdAt,
          updatedAt,
          extra);
    }
  }
}
