package io.llexthil.twin;

/** Zephyr's errno values (docs/protocol.md section 6), and names for reports. */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENODATA = 61;
    public static final int ENAMETOOLONG = 91;

    private Errno() {
    }

    /** "0", "-ENOMEM", ... for a return code. */
    public static String name(int rc) {
        if (rc >= 0) {
            return Integer.toString(rc);
        }
        return switch (-rc) {
            case ENOENT -> "-ENOENT";
            case ENOMEM -> "-ENOMEM";
            case EFAULT -> "-EFAULT";
            case EINVAL -> "-EINVAL";
            case ENOSPC -> "-ENOSPC";
            case ENODATA -> "-ENODATA";
            case ENAMETOOLONG -> "-ENAMETOOLONG";
            default -> Integer.toString(rc);
        };
    }
}
