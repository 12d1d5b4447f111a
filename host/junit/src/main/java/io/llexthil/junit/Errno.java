package io.llexthil.junit;

import java.util.Map;

/** Names for the Zephyr errno values the firmware returns (docs/protocol.md section 6), for messages. */
final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "ENOENT"), Map.entry(5, "EIO"), Map.entry(8, "ENOEXEC"), Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"),
            Map.entry(22, "EINVAL"), Map.entry(28, "ENOSPC"), Map.entry(77, "EBADMSG"), Map.entry(88, "ENOSYS"),
            Map.entry(91, "ENAMETOOLONG"), Map.entry(116, "ETIMEDOUT"), Map.entry(134, "ENOTSUP"));

    private Errno() { }

    /** {@code -12} gives {@code "-12 (-ENOMEM)"}; values without a name stay plain numbers. */
    static String describe(int rc) {
        String name = rc < 0 ? NAMES.get(-rc) : null;
        return name == null ? String.valueOf(rc) : rc + " (-" + name + ")";
    }
}
