package io.llexthil.campaign.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario: extension images and the steps to run on a board and in the twin.
 *
 * @param name        unique within a suite
 * @param description what the scenario proves (shown in reports)
 * @param source      where it was read from ({@code suite/x.yaml} for built-ins, a file path otherwise)
 * @param board       the board the scenario asks for, or null (the command line decides)
 * @param images      image name -> source ({@code builtin:<name>} or a file path relative to the YAML)
 * @param fresh       start from an erased context store and a reset board (default true)
 * @param steps       in order
 */
public record HilScenario(String name, String description, String source, String board,
                       Map<String, String> images, boolean fresh, List<Step> steps, Path baseDir) {

    public HilScenario {
        images = Map.copyOf(images);
        steps = List.copyOf(steps);
    }

    /** Where the image named {@code image} comes from: declared, or the built-in one of that name. */
    public String imageSource(String image) {
        return images.getOrDefault(image, "builtin:" + image);
    }

    /**
     * Why this scenario needs the board's test commands ({@code ctx erase}, {@code fault ...},
     * {@code ctx restore order}), which a field build ({@code CONFIG_LLEXT_HIL_TEST=n}) leaves
     * out; empty when it does not.
     */
    public Optional<String> testCommandUse() {
        if (fresh) {
            return Optional.of("a fresh case starts from an erased context store (ctx erase)");
        }
        return steps.stream().filter(Step::usesTestCommands).findFirst()
                .map(s -> "step " + s.index() + " (" + s.describe() + ") arms a fault, erases the context store or restores in another order");
    }

    /** A scenario built in code (sweeps, the fuzzer, tests), its steps numbered in order. */
    public static HilScenario numbered(String name, String description, String source, boolean fresh, List<Step> steps) {
        List<Step> numbered = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            numbered.add(steps.get(i).withIndex(i));
        }
        return new HilScenario(name, description, source, null, Map.of(), fresh, numbered, null);
    }
}
