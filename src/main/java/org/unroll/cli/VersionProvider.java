package org.unroll.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code unroll --version}: the version the POM filtered into {@code org/unroll/version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The app's version from the POM, or "unknown" when the resource is missing (an IDE build). */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/unroll/version.properties")) {
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

    @Override
    public String[] getVersion() {
        return new String[] {"unroll " + version()};
    }
}
