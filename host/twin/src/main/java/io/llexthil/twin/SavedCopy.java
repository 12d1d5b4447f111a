package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of a saved context (the flat array after llext_relink_dependency), as the
 * firmware stores it: dependency[j] as the index of the copy it points to, or -1 for a pointer
 * that points at no copy (only reachable through a hand-written scenario).
 */
public record SavedCopy(
        @JsonProperty("name") String name,
        @JsonProperty("use_count") int useCount,
        @JsonProperty("sections") int sections,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("deps") List<Integer> deps) {

    @JsonCreator
    public static SavedCopy of(@JsonProperty("name") String name,
                               @JsonProperty("use_count") Integer useCount,
                               @JsonProperty("sections") Integer sections,
                               @JsonProperty("exports") List<String> exports,
                               @JsonProperty("deps") List<Integer> deps) {
        return new SavedCopy(name, useCount == null ? 1 : useCount,
                sections == null ? ExtensionSpec.DEFAULT_SECTIONS : sections, exports, deps);
    }

    public SavedCopy {
        if (name == null || name.isEmpty()) {
            throw new ScenarioException("a saved copy needs a name");
        }
        exports = exports == null ? List.of() : List.copyOf(exports);
        deps = deps == null ? List.of() : List.copyOf(deps);
        if (deps.size() > 8) {
            throw new ScenarioException("saved copy '" + name + "': " + deps.size()
                    + " dependencies, a struct llext has 8 slots");
        }
        if (sections < 0 || useCount < 0) {
            throw new ScenarioException("saved copy '" + name + "': negative sections or use_count");
        }
    }
}
