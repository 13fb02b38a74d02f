package org.unroll.engine;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A sentence for the user, kept as its key in the app's bundles ({@code i18n/messages_en} and
 * {@code messages_ja}) and its arguments, so that it can be said in either language (ADR 0044):
 * the engine's and the readers' problems ({@link CaseException} and the others) carry one, their
 * {@code getMessage()} is its English text and the window shows {@link #text(Locale)} in the
 * language it shows.
 *
 * <p>An argument is a {@code String}, shown as it is (a JSON path, a value quoted from the file, a
 * number already written as the English text writes it, a parameter's name), or another
 * {@code Message}, said in the same language; anything else is turned into a string when the
 * message is made ({@link String#valueOf}), so numbers read the same in both languages and in
 * the English text as before. A pattern with arguments is a {@link MessageFormat} pattern (a
 * single quote written {@code ''}); one without is the text itself, as for the UI's bundle
 * texts. A message may also be {@linkplain #plain plain} text, not from the bundles, shown as it
 * is in every language (another library's words, the operating system's).
 *
 * <p>Immutable; no JavaFX.
 */
public final class Message implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The bundles' base name, as {@code org.unroll.view.Messages} loads them. */
    public static final String BUNDLE = "i18n.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private enum Kind { KEY, PLAIN, ESCAPED }

    private final Kind kind;
    /** The bundle key; the plain text for PLAIN; null for ESCAPED. */
    private final String key;
    /** Strings and messages; for ESCAPED the one message escaped. */
    private final Object[] args;

    private Message(Kind kind, String key, Object[] args) {
        this.kind = kind;
        this.key = key;
        this.args = args;
    }

    /**
     * A message from the bundles.
     *
     * @param key its key, a literal in the code (the bundle test finds the keys used that way)
     * @param args its arguments, {@code {0}}, {@code {1}} …: strings and messages as they are,
     *     anything else as {@link String#valueOf} writes it
     */
    public static Message of(String key, Object... args) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        Object[] a = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object o = args[i];
            a[i] = o instanceof Message || o instanceof String ? o : String.valueOf(o);
        }
        return new Message(Kind.KEY, key, a);
    }

    /** Text that is not from the bundles: shown as it is in every language ({@code null} as "null"). */
    public static Message plain(String text) {
        return new Message(Kind.PLAIN, String.valueOf(text), new Object[0]);
    }

    /**
     * What a throwable says, as a message: its own when it carries one ({@link Localized}), else
     * its {@code getMessage()} as plain text, or its {@code toString()} when it has none.
     */
    public static Message from(Throwable t) {
        if (t instanceof Localized l) {
            return l.message();
        }
        return plain(t.getMessage() == null ? t.toString() : t.getMessage());
    }

    /**
     * This message with every control character of its text shown as its escape, in every
     * language ({@link ControlChars#escape}; ADR 0032). Escaping twice changes nothing.
     */
    public Message escaped() {
        return kind == Kind.ESCAPED ? this : new Message(Kind.ESCAPED, null, new Object[] {this});
    }

    /** The bundle key, or null for plain or escaped text. */
    public String key() {
        return kind == Kind.KEY ? key : null;
    }

    /** The arguments as given (strings and messages). */
    public List<Object> args() {
        return kind == Kind.KEY ? List.of(args) : List.of();
    }

    /** The English text: what {@code getMessage()} and the command line show. */
    public String english() {
        return text(Locale.ENGLISH);
    }

    /**
     * The text in a language: Japanese for a Japanese locale, English for any other (the
     * languages of View ▸ Language). A key missing from a language's bundle falls back to English,
     * and one missing from both to the key and its arguments (the bundle test keeps both
     * complete).
     */
    public String text(Locale locale) {
        Locale l = locale != null && "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
        return render(l);
    }

    private String render(Locale l) {
        switch (kind) {
            case PLAIN:
                return key;
            case ESCAPED:
                return ControlChars.escape(((Message) args[0]).render(l));
            default:
                break;
        }
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = args[i] instanceof Message m ? m.render(l) : args[i];
        }
        String pattern = pattern(l);
        if (pattern == null) {
            return key + (shown.length == 0 ? "" : " " + Arrays.toString(shown));
        }
        return shown.length == 0 ? pattern : new MessageFormat(pattern, l).format(shown);
    }

    private String pattern(Locale l) {
        for (Locale each : l.equals(Locale.ENGLISH) ? List.of(l) : List.of(l, Locale.ENGLISH)) {
            try {
                return ResourceBundle.getBundle(BUNDLE, each, Message.class.getClassLoader(), NO_FALLBACK).getString(key);
            } catch (MissingResourceException e) {
                // the next language, or the key itself
            }
        }
        return null;
    }

    /** The English text. */
    @Override
    public String toString() {
        return english();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && kind == m.kind && java.util.Objects.equals(key, m.key) && Arrays.equals(args, m.args);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, key, Arrays.hashCode(args));
    }

    /**
     * What carries a message: the problems of the readers ({@link CaseException}, the checkpoint's,
     * the deck's, {@link InputFile.Refused}); the window shows {@code message().text(locale)} in its
     * language, where {@code getMessage()} is the English text.
     */
    public interface Localized {

        /** The whole message, the English of which is {@code getMessage()}. */
        Message message();

        /** The message in a language ({@link Message#text(Locale)}). */
        default String getMessage(Locale locale) {
            return message().text(locale);
        }
    }
}
