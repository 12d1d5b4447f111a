package io.llexthil.link.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** QmpClient against a scripted QMP peer, for the cases real QEMU produces only by chance. */
class QmpClientTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final String RESET_EVENT = "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 5}, "
            + "\"event\": \"RESET\", \"data\": {\"guest\": false, \"reason\": \"host-qmp-system-reset\"}}";

    private final ScriptedQmpServer server;
    private QmpClient client;

    QmpClientTest() throws Exception {
        server = new ScriptedQmpServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private QmpClient connect() throws Exception {
        server.start();
        client = QmpClient.connect("test-link", server.connect(), T);
        return client;
    }

    @Test
    void negotiatesCapabilitiesAndReportsTheVersionFromTheGreeting() throws Exception {
        connect();

        assertThat(server.commands()).containsExactly("qmp_capabilities");
        assertThat(client.version()).isEqualTo("7.2.22 Debian 1:7.2+dfsg-7+deb12u18+b3");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void anEventSentBeforeTheReplyOfItsCommandIsStillFound() throws Exception {
        // what QEMU 7.2 really does on system_reset: the event, then the reply
        server.answer("system_reset", RESET_EVENT, "{\"return\": {}, \"id\": $ID}");
        connect();

        client.systemReset(T);
        QmpEvent reset = client.awaitEvent("RESET", Duration.ZERO);

        assertThat(reset.name()).isEqualTo("RESET");
        assertThat(reset.data().path("reason").asText()).isEqualTo("host-qmp-system-reset");
        assertThat(reset.qemuTimestamp()).isEqualTo(1_700_000_000_000_005L);
        assertThat(client.queuedEvents()).isEmpty();
    }

    @Test
    void awaitingAnotherEventLeavesQueuedOnesAloneAndTimesOutNamingThem() throws Exception {
        server.answer("system_reset", RESET_EVENT, "{\"return\": {}, \"id\": $ID}");
        connect();
        client.systemReset(T);

        QmpTimeoutException e = catchThrowableOfType(QmpTimeoutException.class,
                () -> client.awaitEvent("SHUTDOWN", Duration.ofMillis(50)));

        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo("await event SHUTDOWN");
        assertThat(e.getMessage()).contains("no SHUTDOWN event within 50 ms").contains("RESET");
        assertThat(client.queuedEvents()).extracting(QmpEvent::name).containsExactly("RESET");
    }

    @Test
    void anErrorReplyIsACommandExceptionWithQemusClassAndDescription() throws Exception {
        server.answer("frobnicate",
                "{\"id\": $ID, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command frobnicate has not been found\"}}");
        connect();

        QmpCommandException e = catchThrowableOfType(QmpCommandException.class,
                () -> client.execute("frobnicate", Map.of("x", 1), T));

        assertThat(e).isNotNull();
        assertThat(e.errorClass()).isEqualTo("CommandNotFound");
        assertThat(e.link()).isEqualTo("test-link");
        assertThat(e.step()).isEqualTo("execute frobnicate");
        assertThat(e.lastBytes()).contains("frobnicate has not been found");
    }

    @Test
    void noReplyIsATimeoutNamingTheStepAndTheLastBytesSeen() throws Exception {
        connect(); // query-status has no script: the server stays silent

        QmpTimeoutException e = catchThrowableOfType(QmpTimeoutException.class,
                () -> client.queryStatus(Duration.ofMillis(100)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("test-link: execute query-status: no reply within 100 ms")
                .contains("last bytes seen: ").contains("{\\\"return\\\": {}");
    }

    @Test
    void quitIsSuccessfulWhenQemuHangsUpBeforeReplying() throws Exception {
        server.answer("quit", ScriptedQmpServer.HANG_UP);
        connect();

        client.quit(T);

        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void anyOtherCommandCutOffByTheHangUpIsAClosedError() throws Exception {
        server.answer("cont", ScriptedQmpServer.HANG_UP);
        connect();

        QmpClosedException e = catchThrowableOfType(QmpClosedException.class, () -> client.cont(T));

        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo("execute cont");
        assertThat(e.getMessage()).contains("EOF from QEMU");
        assertThatThrownBy(() -> client.awaitEvent("RESET", T)).isInstanceOf(QmpClosedException.class);
    }

    @Test
    void aPeerThatIsNotQmpIsRejectedAtConnectWithWhatItSaid() throws Exception {
        server.greeting("{\"hello\": \"i am not qemu\"}");

        QmpException e = catchThrowableOfType(QmpException.class, this::connect);

        assertThat(e).isNotNull();
        assertThat(e).isNotInstanceOf(QmpTimeoutException.class);
        assertThat(e.step()).isEqualTo("qmp greeting");
        assertThat(e.getMessage()).contains("not a QMP greeting");
        assertThat(e.lastBytes()).contains("i am not qemu");
    }

    @Test
    void garbageOnTheWireEndsTheSessionWithAReadableError() throws Exception {
        server.answer("query-status", "SSH-2.0-OpenSSH_9.2");
        connect();

        QmpClosedException e = catchThrowableOfType(QmpClosedException.class, () -> client.queryStatus(T));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("unreadable QMP data").contains("SSH-2.0");
    }
}
