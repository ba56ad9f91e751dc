package dev.palm.packs;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kind of a notification channel.
 *
 * <p>The original is a Rust enum with a {@code Custom(String)} variant, so this is a sealed type: the standard
 * values are the constants of {@link Standard} (also reachable as constants of this interface, e.g. {@link #EMAIL}),
 * and {@link Custom} carries any other name. In pack files a standard value is written in snake_case
 * ({@code email}) and a custom one as {@code custom:<name>}.
 */
public sealed interface ChannelType extends Spelling permits ChannelType.Standard, ChannelType.Custom {

    /** Written {@code email}. */
    ChannelType EMAIL = Standard.EMAIL;

    /** Written {@code slack}. */
    ChannelType SLACK = Standard.SLACK;

    /** Written {@code webhook}. */
    ChannelType WEBHOOK = Standard.WEBHOOK;

    /** Written {@code pager_duty}. */
    ChannelType PAGER_DUTY = Standard.PAGER_DUTY;

    /** Tells whether this is a {@link Custom} value. */
    boolean isCustom();

    /** The standard values. */
    enum Standard implements ChannelType {
        /** Written {@code email}. */
        EMAIL("email"),
        /** Written {@code slack}. */
        SLACK("slack"),
        /** Written {@code webhook}. */
        WEBHOOK("webhook"),
        /** Written {@code pager_duty}. */
        PAGER_DUTY("pager_duty");

        private final String spelling;

        Standard(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }

        @Override
        public boolean isCustom() {
            return false;
        }
    }

    /**
     * A platform-specific value outside the standard set.
     *
     * @param name the custom name, non-blank
     */
    record Custom(String name) implements ChannelType {

        /** Checks that the name is not blank. */
        public Custom {
            Objects.requireNonNull(name, "custom ChannelType name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("custom ChannelType name must not be blank");
            }
        }

        @Override
        public String spelling() {
            return "custom:" + name;
        }

        @Override
        public boolean isCustom() {
            return true;
        }

        @Override
        public String toString() {
            return spelling();
        }
    }

    /** Returns a custom value named {@code name}. */
    static ChannelType custom(String name) {
        return new Custom(name);
    }

    /**
     * Reads a value written in a pack file: a standard spelling (or Java constant name), or {@code custom:<name>}.
     */
    static Optional<ChannelType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("custom:")) {
            String customName = text.substring("custom:".length());
            return customName.isBlank() ? Optional.empty() : Optional.of(new Custom(customName));
        }
        for (Standard value : Standard.values()) {
            if (value.spelling().equals(text) || value.name().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Lists the accepted spellings, for error messages. */
    static String spellings() {
        return Arrays.stream(Standard.values()).map(Standard::spelling).collect(Collectors.joining(", "))
                + " or custom:<name>";
    }
}
