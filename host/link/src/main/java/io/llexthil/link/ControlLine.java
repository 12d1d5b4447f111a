package io.llexthil.link;

/** Modem control lines a host can drive; boards wire them to reset and boot-mode pins. */
public enum ControlLine { DTR, RTS }
