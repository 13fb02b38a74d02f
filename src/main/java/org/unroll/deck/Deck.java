package org.unroll.deck;

import java.nio.file.Path;
import java.util.List;

/**
 * An ordered list of scenes with a title: a path through a chapter. Immutable.
 *
 * @param title the deck's title
 * @param scenes the scenes, at least one
 * @param base the folder that relative case files are read from, or null (a built-in deck)
 * @param source where the deck came from: {@code builtin:chapter5} or the file's path
 * @param sceneFile whether it was read from a single scene file ({@code unroll-scene}): its JSON
 *                  paths then start at the scene, not at {@code scenes[i]}
 */
public record Deck(Text title, List<Scene> scenes, Path base, String source, boolean sceneFile) {

    public Deck {
        title = title == null ? Text.EMPTY : title;
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a deck has at least one scene");
        }
    }

    public int size() {
        return scenes.size();
    }

    public Scene scene(int i) {
        return scenes.get(i);
    }

    /** The JSON path of scene i in its file ({@code scenes[i]}, or "" in a scene file). */
    public String pathOf(int i) {
        return sceneFile ? "" : "scenes[" + i + "]";
    }
}
