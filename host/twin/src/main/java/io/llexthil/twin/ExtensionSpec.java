package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An extension image as the twin sees it: its name (at most 15 characters), the symbols it
 * exports and imports, its ELF section count (entries of its section map), and the number of
 * entries of the symbol table the loader builds while loading ({@code llext_count_export_syms}:
 * every global function or object symbol, whatever its visibility; freed again at the end of the
 * load, so it matters only for which allocation a fault or a full heap hits).
 */
public record ExtensionSpec(
        @JsonProperty("name") String name,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("imports") List<String> imports,
        @JsonProperty("sections") int sections,
        @JsonProperty("symbols") int symbols) {

    public static final int DEFAULT_SECTIONS = 4;

    /** An image whose symbol table holds its exports, and at least its own function. */
    public ExtensionSpec(String name, List<String> exports, List<String> imports, int sections) {
        this(name, exports, imports, sections, defaultSymbols(exports));
    }

    @JsonCreator
    public static ExtensionSpec of(@JsonProperty("name") String name,
                                   @JsonProperty("exports") List<String> exports,
                                   @JsonProperty("imports") List<String> imports,
                                   @JsonProperty("sections") Integer sections,
                                   @JsonProperty("symbols") Integer symbols) {
        return new ExtensionSpec(name, exports, imports, sections == null ? DEFAULT_SECTIONS : sections,
                symbols == null ? defaultSymbols(exports) : symbols);
    }

    /**
     * Without a count from an image: its exports, and at least one (an extension has a function of
     * its own; with none, upstream's 0-byte symbol-table request would fail the load with -ENOMEM).
     */
    private static int defaultSymbols(List<String> exports) {
        return Math.max(1, exports == null ? 0 : exports.size());
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
        if (symbols < 0) {
            throw new ScenarioException("extension '" + name + "': symbols " + symbols + " < 0");
        }
    }
}
