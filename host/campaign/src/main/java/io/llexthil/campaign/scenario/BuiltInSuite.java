package io.llexthil.campaign.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The built-in suite: {@code suite/*.yaml} on the class path, in the order of {@code suite/suite.txt}. */
public final class BuiltInSuite {
    private static final String INDEX = "suite/suite.txt";

    private BuiltInSuite() { }

    public static List<String> fileNames() {
        try (InputStream in = BuiltInSuite.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing from the class path (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<HilScenario> load() {
        return fileNames().stream().map(f -> ScenarioLoader.loadResource("suite/" + f)).toList();
    }
}
