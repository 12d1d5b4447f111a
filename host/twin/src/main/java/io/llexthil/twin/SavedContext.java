package io.llexthil.twin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What a successful ctx save leaves in flash: the flat array of copies, relinked. Survives reset. */
public record SavedContext(@JsonProperty("copies") List<SavedCopy> copies) {
    public SavedContext {
        copies = List.copyOf(copies);
    }
}
