package io.llexthil.board;

import io.llexthil.link.ControlLine;
import io.llexthil.link.Link;
import io.llexthil.link.LinkCapabilities;
import io.llexthil.link.LinkListener;
import io.llexthil.link.LinkUrl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A serial link whose board is wired to a reset pin: every control-line change is recorded with
 * its time, and releasing an asserted line boots the board (banner, prompt). Typed newlines get a
 * prompt back, as from an idle Zephyr shell.
 */
final class RecordingResetLink implements Link {
    record Event(ControlLine line, boolean asserted, long nanos) { }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final LinkUrl url = LinkUrl.parse("serial:///dev/recording-reset-pin");
    private volatile LinkListener listener;

    List<Event> events() { return List.copyOf(events); }

    @Override public LinkUrl url() { return url; }

    @Override
    public void open(LinkListener l, Duration timeout) {
        listener = l;
        send("*** Booting Zephyr OS build v4.2.0-rec ***\r\nuart:~$ ");
    }

    @Override
    public void write(byte[] bytes, Duration timeout) {
        if (new String(bytes, StandardCharsets.UTF_8).contains("\n")) {
            send("\r\nuart:~$ ");
        }
    }

    @Override public boolean isOpen() { return listener != null; }

    @Override public LinkCapabilities capabilities() { return new LinkCapabilities(true, true, "recording"); }

    @Override
    public void setControlLine(ControlLine line, boolean asserted, Duration timeout) {
        boolean released = !asserted && !events.isEmpty() && events.get(events.size() - 1).asserted();
        events.add(new Event(line, asserted, System.nanoTime()));
        if (released) {
            send("*** Booting Zephyr OS build v4.2.0-rec ***\r\nuart:~$ ");
        }
    }

    @Override public void setBaudRate(int baud, Duration timeout) { }

    @Override public void close() { listener = null; }

    private void send(String text) {
        LinkListener l = listener;
        if (l != null) {
            l.onBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
