package io.llexthil.cli;

/** A usage or configuration problem: one line naming what and where and how to fix it; exit 2. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }

    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
