package io.llexthil.link;

/** What a link's medium supports beyond a byte stream. */
public record LinkCapabilities(boolean controlLines, boolean baudRate, String description) {
}
