package io.llexthil.shell.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.llexthil.shell.input.InputFileException;
import io.llexthil.shell.input.YamlInput;

/** Reads a YAML file into plain maps and lists (key order kept), with one-line errors. */
final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFiles() {}

    static Object read(Path file) {
        if (!Files.exists(file)) {
            throw new InventoryException(file + ": no such file");
        }
        try {
            return YAML.readValue(YamlInput.read(file, "board inventory"), Object.class);
        } catch (InputFileException e) {
            throw new InventoryException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InventoryException(YamlInput.syntaxErrorPlace(file.toString(), e) + ": "
                    + YamlInput.syntaxErrorProblem(e), e);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
