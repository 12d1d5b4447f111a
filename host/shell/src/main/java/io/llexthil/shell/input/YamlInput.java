package io.llexthil.shell.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one way input YAML (scenarios, board profiles, hardware maps) is read: bounded
 * ({@link BoundedFiles#TEXT_LIMIT}), UTF-8, and without aliases or merge keys. Jackson reads an
 * alias as the plain string {@code *name} and a merge key {@code <<} as an ordinary key, so a
 * shared block would silently turn into a wrong value or an ignored one (the hardware map keeps
 * unknown keys); an anchor ({@code &name}) alone is only a label and does no harm.
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
     * Where a YAML syntax error is, as compilers print it so that editors and CI logs link to the
     * place: {@code SOURCE:LINE}, or {@code SOURCE} when the parser names no line.
     */
    public static String syntaxErrorPlace(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? source : source + ":" + at.getLineNr();
    }

    /** The syntax error itself, one line: {@code not valid YAML at column C: <the parser's first line>}. */
    public static String syntaxErrorProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String column = at == null || at.getLineNr() < 1 || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
        String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return "not valid YAML" + column + ": " + why;
    }

    /** The one message for both: {@code FILE:LINE: ...}. */
    static final String REFUSED = "YAML aliases/merge keys are not supported; write the values out";

    /**
     * Throws when the YAML uses an alias ({@code *a}) or a merge key ({@code <<: ...}). Text that
     * is not valid YAML passes: the caller's parser reports that with its own message.
     */
    public static void refuseAliases(String text, Path source) {
        try (YAMLParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean mergeKey = t == JsonToken.FIELD_NAME && "<<".equals(p.currentName());
                if (mergeKey || p.isCurrentAlias()) {
                    JsonLocation at = p.currentTokenLocation();
                    throw new InputFileException(source, at.getLineNr(), REFUSED);
                }
            }
        } catch (IOException notYaml) {
            // reported by the caller's parser, with the line and column
        }
    }
}
