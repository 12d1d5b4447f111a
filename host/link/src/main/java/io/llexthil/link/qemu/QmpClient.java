package io.llexthil.link.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llexthil.link.internal.Deadlines;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the QEMU Machine Protocol on a connected socket.
 *
 * <p>One named daemon thread reads every message: replies complete the command waiting for
 * their {@code id}, events go to a separate queue. QEMU may send the event a command causes
 * (RESET after {@code system_reset}) before that command's reply, so callers clear old events,
 * run the command, then {@link #awaitEvent} the event: it is found whichever came first.
 *
 * <p>Every call takes a timeout and fails with a {@link QmpException} subclass that names the
 * step and the last bytes QEMU sent.
 */
public final class QmpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QmpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A test run produces a handful of events; the cap only guards a forgotten client. */
    private static final int MAX_QUEUED_EVENTS = 1000;

    private final String link;
    private final Socket socket;
    private final OutputStream out;
    private final ByteTail received = new ByteTail(160);
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final Deque<QmpEvent> events = new ArrayDeque<>();
    private final Thread reader;
    /** Why the connection ended; null while it is up. Guarded by {@code events}. */
    private String endedBecause;
    private boolean peerClosed;

    private QmpClient(String link, Socket socket) throws IOException {
        this.link = link;
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = new RecordingInputStream(socket.getInputStream(), received);
        this.reader = new Thread(() -> readLoop(in), "qmp-reader-" + socket.getPort());
        this.reader.setDaemon(true);
    }

    /**
     * Takes over a socket connected to a QMP server, reads the greeting and negotiates
     * capabilities; the socket is closed if that fails.
     *
     * @param link name used in error messages (the link URL)
     */
    public static QmpClient connect(String link, Socket socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        QmpClient client;
        try {
            client = new QmpClient(link, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new QmpClosedException(link, "qmp connect", "socket unusable: " + e.getMessage(), "(none)", e);
        }
        client.reader.start();
        try {
            client.awaitGreeting(Deadlines.remaining(deadline));
            client.execute("qmp_capabilities", Map.of(), Deadlines.remaining(deadline));
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** QEMU's greeting, e.g. {@code {"QMP": {"version": {...}, "capabilities": [...]}}}. */
    public JsonNode greeting() {
        return greeting.getNow(JSON.createObjectNode());
    }

    /** QEMU's version from the greeting, for reports: e.g. {@code 7.2.22 (Debian 1:7.2+dfsg-7)}. */
    public String version() {
        JsonNode v = greeting().path("QMP").path("version");
        String number = v.path("qemu").path("major").asText("?") + "." + v.path("qemu").path("minor").asText("?")
                + "." + v.path("qemu").path("micro").asText("?");
        String pkg = v.path("package").asText("").strip();
        return pkg.isEmpty() ? number : number + " " + pkg;
    }

    /**
     * Runs a command and returns its {@code return} member.
     *
     * @throws QmpCommandException  QEMU answered with an error
     * @throws QmpTimeoutException  no answer within {@code timeout}
     * @throws QmpClosedException   the connection ended first
     */
    public JsonNode execute(String command, Map<String, ?> arguments, Duration timeout) {
        String step = "execute " + command;
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (events) {
                if (endedBecause != null) {
                    throw new QmpClosedException(link, step, "connection already ended (" + endedBecause + ")",
                            received.escaped(), null);
                }
            }
            send(step, id, command, arguments);
            JsonNode answer = await(reply, step, timeout);
            JsonNode error = answer.get("error");
            if (error != null) {
                throw new QmpCommandException(link, step, error.path("class").asText("?"),
                        error.path("desc").asText("?"), received.escaped());
            }
            return answer.path("return");
        } finally {
            pending.remove(id);
        }
    }

    /** Lets a VM started with {@code -S} (or stopped) run. */
    public void cont(Duration timeout) {
        execute("cont", Map.of(), timeout);
    }

    /**
     * Requests a machine reset, like pressing the reset button. QEMU replies at once; the reset
     * itself is signalled by a RESET event (see {@link #awaitEvent}).
     */
    public void systemReset(Duration timeout) {
        execute("system_reset", Map.of(), timeout);
    }

    /**
     * Asks QEMU to exit. QEMU often closes the socket before its reply is written: the end of the
     * connection before the reply counts as success, since it is what quitting looks like.
     */
    public void quit(Duration timeout) {
        try {
            execute("quit", Map.of(), timeout);
        } catch (QmpClosedException e) {
            synchronized (events) {
                if (!peerClosed) {
                    throw e; // we closed it ourselves: QEMU did not necessarily quit
                }
            }
            log.debug("{}: QMP closed before the quit reply, as expected", link);
        }
    }

    /** The VM's run state as QEMU names it: {@code prelaunch}, {@code running}, {@code paused}... */
    public String queryStatus(Duration timeout) {
        return execute("query-status", Map.of(), timeout).path("status").asText();
    }

    /**
     * Removes and returns the oldest queued event named {@code name}, waiting for one if none is
     * queued. Events that arrived before the call (even before the reply of the command that
     * caused them) are found; other events stay queued.
     */
    public QmpEvent awaitEvent(String name, Duration timeout) {
        String step = "await event " + name;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (Iterator<QmpEvent> it = events.iterator(); it.hasNext(); ) {
                    QmpEvent event = it.next();
                    if (event.name().equals(name)) {
                        it.remove();
                        return event;
                    }
                }
                if (endedBecause != null) {
                    throw new QmpClosedException(link, step, "connection ended (" + endedBecause
                            + ") without the event; queued events: " + events, received.escaped(), null);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new QmpTimeoutException(link, step, "no " + name + " event within "
                            + timeout.toMillis() + " ms; queued events: " + events, received.escaped());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QmpException(link, step, "interrupted", received.escaped(), e);
                }
            }
        }
    }

    /** Drops queued events named {@code name} (all events if null), e.g. before a reset. */
    public void discardEvents(String name) {
        synchronized (events) {
            events.removeIf(e -> name == null || e.name().equals(name));
        }
    }

    /** A copy of the queued events, oldest first. */
    public List<QmpEvent> queuedEvents() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** True until QEMU closes the connection or {@link #close} is called. */
    public boolean isConnected() {
        synchronized (events) {
            return endedBecause == null;
        }
    }

    /** Closes the socket; the reader thread then ends. Idempotent. */
    @Override
    public void close() {
        end("closed by the client", false);
        closeQuietly(socket);
    }

    private String endedReason() {
        synchronized (events) {
            return endedBecause;
        }
    }

    private void awaitGreeting(Duration timeout) {
        JsonNode hello = await(greeting, "qmp greeting", timeout);
        if (!hello.has("QMP")) {
            throw new QmpException(link, "qmp greeting", "not a QMP greeting", received.escaped(), null);
        }
    }

    private void send(String step, long id, String command, Map<String, ?> arguments) {
        ObjectNode message = JSON.createObjectNode();
        message.put("execute", command);
        if (!arguments.isEmpty()) {
            message.set("arguments", JSON.valueToTree(arguments));
        }
        message.put("id", id);
        try {
            byte[] bytes = JSON.writeValueAsBytes(message);
            synchronized (out) {
                out.write(bytes);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new QmpClosedException(link, step, "cannot send: " + e.getMessage(), received.escaped(), e);
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> future, String step, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpTimeoutException(link, step, "no reply within " + timeout.toMillis() + " ms",
                    received.escaped());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QmpClosedException closed) {
                // re-thrown so the step names what was waiting, not the reader that saw the end
                throw new QmpClosedException(link, step, "connection ended before the reply: " + endedReason(),
                        received.escaped(), closed);
            }
            throw new QmpException(link, step, String.valueOf(e.getCause()), received.escaped(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException(link, step, "interrupted", received.escaped(), e);
        }
    }

    private void readLoop(InputStream in) {
        try (MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                dispatch(messages.nextValue());
            }
            end("EOF from QEMU", true);
        } catch (IOException | RuntimeException e) {
            boolean byUs;
            synchronized (events) {
                byUs = endedBecause != null;
            }
            if (!byUs) {
                // a reset connection is QEMU going away too; garbage is not
                boolean garbage = e instanceof com.fasterxml.jackson.core.JsonProcessingException;
                end((garbage ? "unreadable QMP data: " : "read failed: ") + e.getMessage(), !garbage);
            }
        }
    }

    private void dispatch(JsonNode message) {
        if (!greeting.isDone()) {
            greeting.complete(message); // whatever comes first is the greeting, or proof the peer is not QMP
        } else if (message.has("event")) {
            QmpEvent event = new QmpEvent(message.path("event").asText(),
                    message.has("data") ? message.get("data") : JSON.createObjectNode(),
                    message.path("timestamp").path("seconds").asLong() * 1_000_000
                            + message.path("timestamp").path("microseconds").asLong());
            log.debug("{}: QMP event {}", link, event);
            synchronized (events) {
                if (events.size() >= MAX_QUEUED_EVENTS) {
                    events.removeFirst();
                }
                events.addLast(event);
                events.notifyAll();
            }
        } else if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            } else {
                log.debug("{}: QMP reply for no waiting command: {}", link, message);
            }
        } else {
            log.debug("{}: QMP message ignored: {}", link, message);
        }
    }

    /** Marks the connection ended and fails everything still waiting. Only the first call counts. */
    private void end(String reason, boolean byPeer) {
        synchronized (events) {
            if (endedBecause != null) {
                return;
            }
            endedBecause = reason;
            peerClosed = byPeer;
            events.notifyAll();
        }
        QmpClosedException closed = new QmpClosedException(link, "qmp read", "connection ended: " + reason,
                received.escaped(), null);
        greeting.completeExceptionally(closed);
        pending.values().forEach(f -> f.completeExceptionally(closed));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing QMP socket: {}", e.toString());
        }
    }

    /** Tees everything read into a {@link ByteTail} for error messages. */
    private static final class RecordingInputStream extends FilterInputStream {
        private final ByteTail tail;

        RecordingInputStream(InputStream in, ByteTail tail) {
            super(in);
            this.tail = Objects.requireNonNull(tail);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tail.add(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tail.add(b, off, n);
            }
            return n;
        }
    }
}
