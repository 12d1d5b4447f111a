package io.llexthil.twin.model;

/** A log message the C code emits: level {@code err} or {@code dbg}, function, text. */
public record LogLine(String level, String function, String message) {
}
