package org.unroll.export;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats, with their file extensions. */
public enum Format {
    /** A bitmap. */
    PNG("png", false),
    /** Vector graphics for the web and slides; text stays text. */
    SVG("svg", false),
    /** One vector page for print and LaTeX documents. */
    PDF("pdf", false),
    /** An animation. */
    GIF("gif", false),
    /** Numbers as comma-separated values. */
    CSV("csv", false),
    /** The network and its sequence as a case file. */
    JSON("json", false),
    /** An animation as a folder of numbered PNG files. */
    FRAMES("png", true),
    /** Markdown with $…$ / $$…$$ math (a worksheet). */
    MD("md", false),
    /** LaTeX source (a worksheet). */
    TEX("tex", false);

    private final String extension;
    private final boolean folder;

    Format(String extension, boolean folder) {
        this.extension = extension;
        this.folder = folder;
    }

    /** The file extension without the dot, lower case ("png" also for {@link #FRAMES}' files). */
    public String extension() {
        return extension;
    }

    /** Whether the output is a folder of files ({@link #FRAMES}) rather than one file. */
    public boolean isFolder() {
        return folder;
    }

    /** The lower-case name, as {@link #parse} accepts it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of a name such as "png" or "Frames" (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the allowed values, if there is no such format
     */
    public static Format parse(String name) {
        if (name != null) {
            String n = name.strip();
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(n)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown export format \"" + name + "\"; allowed: " + allowed());
    }

    /**
     * The format a file name asks for, from its extension (case-insensitive): .png, .svg, .pdf,
     * .gif, .csv, .json, .md, .tex. Never {@link #FRAMES}, which is chosen explicitly. Looks at the name only, not at
     * the file system.
     *
     * @throws IllegalArgumentException if the name has no extension or an unknown one
     */
    public static Format fromFileName(Path file) {
        Path name = file == null ? null : file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        if (dot > 0 && dot < s.length() - 1) {
            String ext = s.substring(dot + 1);
            for (Format f : values()) {
                if (!f.folder && f.extension.equalsIgnoreCase(ext)) {
                    return f;
                }
            }
        }
        String fileExts = Arrays.stream(values()).filter(f -> !f.folder).map(f -> "." + f.extension)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("cannot tell the export format from the file name \"" + s
                + "\": it must end in " + fileExts);
    }

    private static String allowed() {
        return Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", "));
    }
}
