package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An extension image as the twin sees it: its name (at most 15 characters), the symbols it
 * exports and imports, and its ELF section count (entries of its section map).
 */
public record ExtensionSpec(
        @JsonProperty("name") String name,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("imports") List<String> imports,
        @JsonProperty("sections") int sections) {

    public static final int DEFAULT_SECTIONS = 4;

    @JsonCreator
    public static ExtensionSpec of(@JsonProperty("name") String name,
                                   @JsonProperty("exports") List<String> exports,
                                   @JsonProperty("imports") List<String> imports,
                                   @JsonProperty("sections") Integer sections) {
        return new ExtensionSpec(name, exports, imports, sections == null ? DEFAULT_SECTIONS : sections);
    }

    public ExtensionSpec {
        if (name == null || name.isEmpty()) {
            throw new ScenarioException("an extension needs a name");
        }
        exports = exports == null ? List.of() : List.copyOf(exports);
        imports = imports == null ? List.of() : List.copyOf(imports);
        if (sections < 0) {
            throw new ScenarioException("extension '" + name + "': sections " + sections + " < 0");
        }
    }
}
