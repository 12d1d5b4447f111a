package io.llexthil.link.sim;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one line the sim prints on stderr once it can be connected to (docs/protocol.md section 7). */
record ListeningLine(SimSettings.Transport transport, String address) {
    private static final Pattern LINE = Pattern.compile("LISTENING (tcp (127\\.0\\.0\\.1:[0-9]{1,5})|pty (/dev/\\S+))\\s*");

    static Optional<ListeningLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) != null
                ? new ListeningLine(SimSettings.Transport.TCP, m.group(2))
                : new ListeningLine(SimSettings.Transport.PTY, m.group(3)));
    }
}
