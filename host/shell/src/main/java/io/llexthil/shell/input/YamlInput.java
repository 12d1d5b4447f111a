package io.llexthil.shell.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one way input YAML (scenarios, board profiles, hardware maps) is read: bounded
 * ({@link BoundedFiles#TEXT_LIMIT}), UTF-8, and without aliases. Jackson reads an alias as the
 * plain string {@code *name}, so a shared block would silently turn into a wrong value; an anchor
 * ({@code &name}) alone is only a label and does no harm.
 */
public final class YamlInput {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlInput() { }

    /** The text of {@code file}, checked; the caller parses it with its own mapper and messages. */
    public static String read(Path file, String what) {
        String text = BoundedFiles.readText(file, BoundedFiles.TEXT_LIMIT, what);
        refuseAliases(text, file);
        return text;
    }

    /**
     * Throws when the YAML uses an alias ({@code *a}). Text that is not
     * valid YAML passes: the caller's parser reports that with its own message.
     */
    public static void refuseAliases(String text, Path source) {
        try (YAMLParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p.isCurrentAlias()) {
                    JsonLocation at = p.currentTokenLocation();
                    throw new InputFileException(source, "line " + at.getLineNr() + ", column " + at.getColumnNr()
                            + ": YAML aliases (*name) are not supported; write the value out where it is used");
                }
            }
        } catch (IOException notYaml) {
            // reported by the caller's parser, with the line and column
        }
    }
}
