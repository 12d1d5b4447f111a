package io.llexthil.twin.model;

/** Undefined behaviour other than heap misuse: an out-of-bounds read, with where and what. */
public record UbEvent(String kind, String site, String detail) {
}
