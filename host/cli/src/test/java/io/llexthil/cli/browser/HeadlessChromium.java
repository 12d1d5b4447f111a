package io.llexthil.cli.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real browser for checking the HTML report: Debian's {@code chromium} in headless mode, driven
 * over the Chrome DevTools Protocol (a JSON-over-WebSocket protocol; the JDK's own WebSocket
 * client is enough). It loads pages, collects console errors and uncaught exceptions, evaluates
 * checks in the page and takes screenshots. Every wait has a timeout naming the step.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new ArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts chromium ({@code chromium} on the PATH, Debian package {@code chromium}) at 1280 x 900. */
    public static HeadlessChromium start() throws Exception {
        // outside JUnit's temporary directories: chromium's helpers may still write while they are deleted
        Path profile = Files.createTempDirectory("llext-hil-chromium-profile");
        Process p;
        try {
            p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                    "--window-size=1280,900", "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start chromium (Debian: apt-get install chromium; ci/test.sh installs it): "
                    + e.getMessage(), e);
        }
        String browserUrl = awaitDevToolsUrl(p);
        URI base = URI.create(browserUrl.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", ""));
        HttpClient http = HttpClient.newBuilder().connectTimeout(STEP).build();
        String pageUrl = null;
        long deadline = System.nanoTime() + STEP.toNanos();
        while (pageUrl == null) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/json/list")).timeout(STEP).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if (t.path("type").asText().equals("page")) {
                    pageUrl = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageUrl == null) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new TimeoutException("chromium: no page target within " + STEP.toSeconds() + " s: " + r.body());
                }
                Thread.sleep(100);
            }
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(STEP).buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    String m = message.toString();
                    message.setLength(0);
                    while (self[0] == null) {
                        Thread.onSpinWait();
                    }
                    self[0].received(m);
                }
                w.request(1);
                return null;
            }
        }).get(STEP.toSeconds(), TimeUnit.SECONDS);
        HeadlessChromium c = new HeadlessChromium(p, profile, ws);
        self[0] = c;
        c.send("Runtime.enable", null);
        c.send("Log.enable", null);
        c.send("Page.enable", null);
        ObjectNode metrics = JSON.createObjectNode().put("width", 1280).put("height", 900).put("deviceScaleFactor", 1)
                .put("mobile", false);
        c.send("Emulation.setDeviceMetricsOverride", metrics);
        return c;
    }

    private static String awaitDevToolsUrl(Process p) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException gone) {
                // chromium ended
            }
            url.completeExceptionally(new IllegalStateException("chromium exited before listening: " + seen));
        }, "chromium-stderr");
        t.setDaemon(true);
        t.start();
        try {
            return url.get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new TimeoutException("chromium did not print its DevTools URL within " + STEP.toSeconds() + " s; stderr: " + seen);
        }
    }

    private void received(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    if (m.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools error: " + m.get("error")));
                    } else {
                        f.complete(m.path("result"));
                    }
                }
                return;
            }
            String method = m.path("method").asText();
            JsonNode params = m.path("params");
            switch (method) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Runtime.exceptionThrown" -> error("uncaught exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                        error("console." + type + ": " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonNode e = params.path("entry");
                    if (e.path("level").asText().equals("error") || e.path("level").asText().equals("warning")) {
                        error(e.path("source").asText() + " " + e.path("level").asText() + ": " + e.path("text").asText()
                                + " " + e.path("url").asText());
                    }
                }
                default -> { }
            }
        } catch (IOException e) {
            error("unreadable DevTools message: " + text);
        }
    }

    private void error(String s) {
        synchronized (consoleErrors) {
            consoleErrors.add(s);
        }
    }

    /** Sends a command and waits for its result. */
    public JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(m), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
        try {
            return f.get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("chromium: no answer to " + method + " within " + STEP.toSeconds() + " s");
        }
    }

    /** Loads {@code file} and waits for its load event. */
    public void open(Path file) throws Exception {
        loaded = new CompletableFuture<>();
        send("Page.navigate", JSON.createObjectNode().put("url", file.toAbsolutePath().toUri().toString()));
        try {
            loaded.get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("chromium: " + file + " did not finish loading within " + STEP.toSeconds() + " s");
        }
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("in the page: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Saves a PNG of the page: the area {@code x, y, width, height} in CSS pixels of the whole
     * document (beyond the window), or the whole document up to {@code maxHeight} when width is 0.
     */
    public Path screenshot(Path png, double x, double y, double width, double height, double maxHeight) throws Exception {
        if (width <= 0) {
            JsonNode size = send("Page.getLayoutMetrics", null).path("cssContentSize");
            width = size.path("width").asDouble();
            height = Math.min(maxHeight, size.path("height").asDouble());
        }
        ObjectNode clip = JSON.createObjectNode().put("x", x).put("y", y).put("width", width).put("height", height)
                .put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        JsonNode r = send("Page.captureScreenshot", params);
        Files.createDirectories(png.getParent());
        return Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    /** Console errors, warnings and uncaught exceptions seen since the start. */
    public List<String> consoleErrors() {
        synchronized (consoleErrors) {
            return List.copyOf(consoleErrors);
        }
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        List<ProcessHandle> helpers = process.descendants().toList(); // renderers, GPU and zygote processes
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle h : helpers) {
            h.destroyForcibly();
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        deleteQuietly(profile);
    }

    /** Best effort: the profile is scratch space in the system's temporary directory. */
    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException gone) {
            // a file vanished while walking: what is left is in the temporary directory
        }
    }
}
