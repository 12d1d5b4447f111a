package io.llexthil.campaign.scenario;

import java.util.Set;

/**
 * How one step kind is written in YAML.
 *
 * @param key     the action key ({@code load}, {@code save}, ...)
 * @param options step options only this kind takes, next to the action key (a call's {@code expect})
 * @param parser  reads the action from its YAML
 */
public record StepSyntax(String key, Set<String> options, Parser parser) {

    /** Reads one kind's action; every problem is a {@link ScenarioFileException} through {@link StepYaml#fail}. */
    @FunctionalInterface
    public interface Parser {
        StepAction parse(StepYaml yaml);
    }

    public StepSyntax {
        options = Set.copyOf(options);
    }

    static StepSyntax of(String key, Parser parser, String... options) {
        return new StepSyntax(key, Set.of(options), parser);
    }
}
