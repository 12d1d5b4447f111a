package io.llexthil.link.qemu;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An asynchronous QMP event such as RESET, SHUTDOWN, STOP or RESUME.
 *
 * @param name          the event name, e.g. {@code RESET}
 * @param data          the event's {@code data} member (an empty object if it had none)
 * @param qemuTimestamp QEMU's own timestamp, in microseconds since the epoch
 */
public record QmpEvent(String name, JsonNode data, long qemuTimestamp) {
    @Override
    public String toString() { return name + data; }
}
