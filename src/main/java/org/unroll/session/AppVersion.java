package org.unroll.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The app's version, written once in the POM and filtered into {@code org/unroll/version.properties} (ADR 0029). */
public final class AppVersion {

    private AppVersion() {
    }

    /** The POM's version, or "unknown" when the resource is missing or unfiltered (an IDE build). */
    public static String version() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/org/unroll/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
