package org.unroll.view;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.unroll.engine.Message;

/** The app's resource bundles: English and Japanese, UTF-8, in {@code i18n/messages_*.properties}. */
public final class Messages {

    /** The languages offered in View ▸ Language. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private Messages() {
    }

    /** The bundle for a language (English for any language not offered). */
    public static ResourceBundle bundle(Locale locale) {
        Locale l = supported(locale);
        return ResourceBundle.getBundle("i18n.messages", l, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Japanese for a Japanese locale, English otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /**
     * A message with its {0}, {1} … filled in. An argument that is an engine {@link Message}, or
     * an exception that carries one ({@link Message.Localized}: a case, checkpoint or deck that
     * cannot be read), is said in the bundle's language (ADR 0044).
     */
    public static String format(ResourceBundle bundle, String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] shown = args;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            Message m = a instanceof Message mm ? mm : a instanceof Message.Localized l ? l.message() : null;
            if (m != null) {
                if (shown == args) {
                    shown = args.clone();
                }
                shown[i] = m.text(bundle.getLocale());
            }
        }
        return new MessageFormat(pattern, bundle.getLocale()).format(shown);
    }
}
