package io.llexthil.campaign.run;

import io.llexthil.campaign.scenario.HilScenario;
import io.llexthil.campaign.scenario.ScenarioFileException;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.shell.input.BoundedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What can be known about a set of scenarios before a board is touched, checked when they are
 * loaded rather than discovered one failing step at a time: names are unique, every extension
 * name fits the board ({@value #NAME_MAX} characters, Zephyr's {@code LLEXT_MAX_NAME_LEN}) and
 * names an image that exists, and image files are regular files of a sane size.
 */
public final class Preflight {
    /** Zephyr's {@code LLEXT_MAX_NAME_LEN}. */
    public static final int NAME_MAX = 15;

    private final ImageLibrary images;

    public Preflight(ImageLibrary images) {
        this.images = images;
    }

    /** @throws ScenarioFileException naming the file, the step and the field of the first problem */
    public void check(List<HilScenario> scenarios) {
        Map<String, String> sources = new HashMap<>();
        for (HilScenario s : scenarios) {
            String earlier = sources.putIfAbsent(s.name(), s.source());
            if (earlier != null) {
                throw new ScenarioFileException(s.source(), null, "name", "scenario name '" + s.name()
                        + "' is also used by " + earlier + "; names are unique in a run (rename one)");
            }
            for (Step step : s.steps()) {
                for (String ext : step.action().extensions()) {
                    checkExtension(s, step, ext);
                }
            }
        }
    }

    /**
     * Extension names given on the command line (a sweep's or the fuzzer's pool): each fits the
     * board and has a built-in image.
     *
     * @throws IllegalArgumentException naming the option and the extension
     */
    public void checkBuiltins(String option, List<String> names) {
        for (String ext : names) {
            if (ext.length() > NAME_MAX) {
                throw new IllegalArgumentException(option + " " + ext + ": the name has " + ext.length()
                        + " characters; a board holds at most " + NAME_MAX + " (LLEXT_MAX_NAME_LEN)");
            }
            if (!builtinExists(ext)) {
                throw new IllegalArgumentException(option + " " + ext + ": unknown extension: no built-in " + ext + ".o in "
                        + images.firmwareBuild().resolve("model/ext") + " (build the firmware, or check --firmware-build)");
            }
        }
    }

    private void checkExtension(HilScenario s, Step step, String ext) {
        String field = step.kind();
        if (ext.length() > NAME_MAX) {
            throw new ScenarioFileException(s.source(), step.index(), field, "extension name '" + ext + "' has " + ext.length()
                    + " characters; a board holds at most " + NAME_MAX + " (LLEXT_MAX_NAME_LEN)");
        }
        String source = s.imageSource(ext);
        if (source.startsWith("builtin:")) {
            String name = source.substring("builtin:".length());
            if (!builtinExists(name)) {
                throw new ScenarioFileException(s.source(), step.index(), field, "unknown extension '" + ext
                        + "': no image under 'images:' and no built-in " + name + ".o in "
                        + images.firmwareBuild().resolve("model/ext") + " (declare it under 'images:', or build the"
                        + " firmware: cmake -S firmware -B firmware/build && cmake --build firmware/build)");
            }
            return;
        }
        Path file = images.locate(s, ext, null);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ScenarioFileException(s.source(), null, "images." + ext, file + " is not a regular file; give the"
                    + " path of the extension's ELF image");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) > BoundedFiles.IMAGE_LIMIT) {
                throw new ScenarioFileException(s.source(), null, "images." + ext, file + " has " + Files.size(file)
                        + " bytes, over the " + (BoundedFiles.IMAGE_LIMIT >> 20) + " MiB limit for an extension image; check the path");
            }
        } catch (IOException e) {
            throw new ScenarioFileException(s.source(), null, "images." + ext, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private boolean builtinExists(String name) {
        Path extDir = images.firmwareBuild().resolve("model").resolve("ext");
        if (!Files.isDirectory(extDir)) {
            return false;
        }
        try (Stream<Path> arches = Files.list(extDir)) {
            return arches.anyMatch(arch -> Files.isRegularFile(arch.resolve(name + ".o")));
        } catch (IOException e) {
            return false;
        }
    }
}
