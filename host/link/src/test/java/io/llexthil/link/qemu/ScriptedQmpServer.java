package io.llexthil.link.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake QMP server on loopback for one client: sends a greeting (QEMU 7.2's real one by
 * default), then answers each command with the lines its script gives, {@code $ID} replaced by
 * the command's id. A command with no script gets no answer; the line {@link #HANG_UP} closes
 * the connection instead of sending anything further.
 */
final class ScriptedQmpServer implements AutoCloseable {
    static final String HANG_UP = "<hang up>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    private final Map<String, List<String>> script = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile String greeting;
    private volatile Socket client;

    ScriptedQmpServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        greeting = resource("/qemu/qmp-greeting-7.2.json").strip();
        answer("qmp_capabilities", "{\"return\": {}, \"id\": $ID}");
        thread = new Thread(this::serve, "scripted-qmp-server");
        thread.setDaemon(true);
    }

    ScriptedQmpServer greeting(String line) {
        greeting = line;
        return this;
    }

    ScriptedQmpServer answer(String command, String... lines) {
        script.put(command, List.of(lines));
        return this;
    }

    ScriptedQmpServer start() {
        thread.start();
        return this;
    }

    /** A client socket connected to this server. */
    Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** The commands' names, in the order received. */
    List<String> commands() {
        return received;
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            client = socket;
            OutputStream out = socket.getOutputStream();
            send(out, greeting);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode command = JSON.readTree(line);
                String name = command.path("execute").asText();
                received.add(name);
                for (String reply : script.getOrDefault(name, List.of())) {
                    if (reply.equals(HANG_UP)) {
                        return;
                    }
                    send(out, reply.replace("$ID", command.path("id").toString()));
                }
            }
        } catch (IOException e) {
            // the client went away: the test decides whether that was expected
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8)); // QEMU ends lines with CR LF
        out.flush();
    }

    private static String resource(String name) {
        try (InputStream in = ScriptedQmpServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
