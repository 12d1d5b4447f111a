package io.llexthil.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing outside host/link reads a link URL as text: no scheme prefixes matched, no query strings
 * rewritten. Such code asks the parsed URL ({@code scheme()}, {@code param()},
 * {@code capabilities()}) and changes it with {@code with()} / {@code expand()}. Checked on the
 * main sources of every other module.
 */
class LinkUrlTextTest {
    private static final Pattern SCHEME_LITERAL = Pattern.compile(
            "\\.(startsWith|contains|matches|replaceAll|replace|indexOf|equals)\\(\"(serial|pty|tcp|rfc2217|sim|qemu):");
    private static final Pattern URL_TEXT_CALL = Pattern.compile(
            "(link|linkUrl|url|simUrl)(\\(\\))?\\.(startsWith|contains|matches|replaceAll|replace|indexOf|split|substring)\\(");
    private static final Pattern QUERY_REGEX = Pattern.compile("\\[\\?&\\]");

    @Test
    void onlyTheLinkLayerReadsLinkUrlsAsText() throws IOException {
        Path host = Path.of(System.getProperty("llexthil.repo", "../..")).resolve("host");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(host)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> !host.relativize(p).startsWith("link")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (SCHEME_LITERAL.matcher(line).find() || URL_TEXT_CALL.matcher(line).find()
                            || QUERY_REGEX.matcher(line).find()) {
                        found.add(host.relativize(f) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(found).as("link URLs read as text outside host/link").isEmpty();
    }
}
