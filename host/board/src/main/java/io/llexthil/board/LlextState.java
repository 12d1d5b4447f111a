package io.llexthil.board;

import java.util.List;

/** {@code hil state}: the global extension list in order, and the heap. */
public record LlextState(List<Ext> exts, HeapStats heap, String json) {

    public record Ext(String name, int useCount, List<String> deps, int exportedSymbols,
                      int sections, long allocBytes) { }
}
