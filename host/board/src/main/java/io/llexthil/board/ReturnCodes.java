package io.llexthil.board;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The return codes of the HIL protocol: Zephyr errno names and values, as docs/protocol.md
 * section 6 lists them (every board build uses Zephyr's numbers, the simulated board included).
 */
public final class ReturnCodes {
    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("ENOENT", 2);
        BY_NAME.put("EIO", 5);
        BY_NAME.put("ENOEXEC", 8);
        BY_NAME.put("EAGAIN", 11);
        BY_NAME.put("ENOMEM", 12);
        BY_NAME.put("EFAULT", 14);
        BY_NAME.put("EBUSY", 16);
        BY_NAME.put("EEXIST", 17);
        BY_NAME.put("EINVAL", 22);
        BY_NAME.put("ENOSPC", 28);
        BY_NAME.put("ENODATA", 61);
        BY_NAME.put("EBADMSG", 77);
        BY_NAME.put("ENOSYS", 88);
        BY_NAME.put("ENAMETOOLONG", 91);
        BY_NAME.put("ETIMEDOUT", 116);
        BY_NAME.put("ENOTSUP", 134);
        BY_NAME.put("EILSEQ", 138);    // a request whose checksum did not match: refused, not run
        BY_NAME.put("ECANCELED", 140); // upload data mode ended by the abort sequence
    }

    public static final int ENOENT = -2;
    public static final int ENOEXEC = -8;
    public static final int ENOMEM = -12;
    public static final int EFAULT = -14;
    public static final int EINVAL = -22;

    private ReturnCodes() { }

    /** Parses {@code 0}, {@code -12}, {@code -ENOMEM} or {@code ENOMEM} (both mean -12); null if neither. */
    public static Integer parse(String text) {
        String t = text.trim();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException notANumber) {
            String name = t.startsWith("-") ? t.substring(1) : t;
            Integer v = BY_NAME.get(name);
            return v == null ? null : -v;
        }
    }

    /** {@code -12} -> {@code -12 (-ENOMEM)}; {@code 0} -> {@code 0}. */
    public static String describe(int rc) {
        if (rc < 0) {
            for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
                if (e.getValue() == -rc) {
                    return rc + " (-" + e.getKey() + ")";
                }
            }
        }
        return Integer.toString(rc);
    }
}
