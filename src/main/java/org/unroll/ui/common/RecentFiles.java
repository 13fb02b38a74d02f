package org.unroll.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The most recently opened or saved case files, newest first, at most {@link #MAX}. */
public interface RecentFiles {

    int MAX = 8;

    List<Path> load();

    void store(List<Path> files);

    /** The list with {@code file} moved (or added) to the front. */
    static List<Path> pushed(List<Path> files, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        out.add(abs);
        for (Path p : files) {
            if (!p.equals(abs) && out.size() < MAX) {
                out.add(p);
            }
        }
        return out;
    }

    /** Kept in memory only (tests). */
    static RecentFiles inMemory() {
        return new RecentFiles() {
            private List<Path> files = List.of();

            @Override
            public List<Path> load() {
                return files;
            }

            @Override
            public void store(List<Path> f) {
                files = List.copyOf(f);
            }
        };
    }

    /** Kept with {@link java.util.prefs} under the user's node {@code org/unroll/ui}. */
    static RecentFiles preferences() {
        Preferences node = Preferences.userRoot().node("org/unroll/ui");
        return new RecentFiles() {
            @Override
            public List<Path> load() {
                List<Path> out = new ArrayList<>();
                for (int i = 0; i < MAX; i++) {
                    String s = node.get("recent." + i, null);
                    if (s == null) {
                        break;
                    }
                    try {
                        out.add(Path.of(s));
                    } catch (RuntimeException e) {
                        // an unreadable entry is skipped
                    }
                }
                return out;
            }

            @Override
            public void store(List<Path> files) {
                for (int i = 0; i < MAX; i++) {
                    if (i < files.size()) {
                        node.put("recent." + i, files.get(i).toString());
                    } else {
                        node.remove("recent." + i);
                    }
                }
                try {
                    node.flush();
                } catch (BackingStoreException e) {
                    // the list is a convenience: losing it is harmless
                }
            }
        };
    }
}
