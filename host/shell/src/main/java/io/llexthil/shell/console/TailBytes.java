package io.llexthil.shell.console;

/**
 * The last N bytes received, rendered printable for error messages: {@code \r \n \t \e} and
 * {@code \xNN} for anything else outside printable ASCII. Thread-safe.
 */
public final class TailBytes {
    private final byte[] ring;
    private int next;
    private boolean full;

    public TailBytes(int size) { ring = new byte[size]; }

    public synchronized void add(byte[] bytes) {
        int from = Math.max(0, bytes.length - ring.length);
        for (int i = from; i < bytes.length; i++) {
            ring[next] = bytes[i];
            next = (next + 1) % ring.length;
            if (next == 0) full = true;
        }
    }

    public synchronized String escaped() {
        StringBuilder sb = new StringBuilder();
        int n = full ? ring.length : next;
        int start = full ? next : 0;
        for (int i = 0; i < n; i++) sb.append(escape(ring[(start + i) % ring.length]));
        return sb.toString();
    }

    public static String escape(byte b) {
        int c = b & 0xff;
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case 0x1b -> "\\e";
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
        };
    }
}
