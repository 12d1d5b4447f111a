package io.llexthil.link.qemu;

/**
 * The last few bytes that went by on a connection, kept so an error can say what was seen just
 * before it ("last bytes seen: ..."). Thread-safe; fixed memory.
 */
final class ByteTail {
    private final byte[] ring;
    private int next;
    private boolean wrapped;

    ByteTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void add(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            ring[next] = bytes[i];
            next = (next + 1) % ring.length;
            wrapped |= next == 0;
        }
    }

    /** Printable ASCII as is, everything else escaped ({@code \r}, {@code \n}, {@code \xNN}). */
    synchronized String escaped() {
        StringBuilder out = new StringBuilder();
        int count = wrapped ? ring.length : next;
        int start = wrapped ? next : 0;
        for (int i = 0; i < count; i++) {
            appendEscaped(out, ring[(start + i) % ring.length]);
        }
        return out.length() == 0 ? "(none)" : "\"" + out + "\"";
    }

    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            appendEscaped(out, b);
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, byte b) {
        int c = b & 0xFF;
        if (c == '\r') {
            out.append("\\r");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\\' || c == '"') {
            out.append('\\').append((char) c);
        } else if (c >= 0x20 && c < 0x7F) {
            out.append((char) c);
        } else {
            out.append(String.format("\\x%02x", c));
        }
    }
}
