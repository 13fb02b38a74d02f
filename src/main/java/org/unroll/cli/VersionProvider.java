package org.unroll.cli;

import org.unroll.session.AppVersion;
import picocli.CommandLine;

/** {@code unroll --version}: the POM's version (ADR 0029). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"unroll " + AppVersion.version()};
    }
}
