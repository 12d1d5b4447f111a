package io.llexthil.board;

import io.llexthil.link.LinkUrl;

import java.nio.file.Path;

/**
 * The name of a board given only as {@code --link URL}: what the URL reaches, so reports, file
 * names and messages say which board it was. {@code tcp://10.0.0.5:5555} is {@code 10.0.0.5:5555},
 * {@code serial:///dev/ttyACM0?baud=115200} is {@code ttyACM0}, {@code sim:?flash=a.bin} is
 * {@code sim:a.bin}, {@code qemu:arm?kernel=fw.elf} is {@code qemu:fw.elf}.
 */
final class BareLinkName {
    private BareLinkName() { }

    static String of(String url) {
        LinkUrl u = LinkUrl.parse(url);
        String target = u.target() == null ? "" : u.target();
        return switch (u.scheme()) {
            case "sim" -> "sim" + fileName(u.param("flash", ""));
            case "qemu" -> "qemu" + fileName(u.param("kernel", ""));
            case "serial", "pty" -> target.startsWith("/dev/") ? target.substring("/dev/".length()) : nonEmpty(target, url);
            default -> nonEmpty(target.replaceFirst("^//", "").replaceFirst("/.*$", ""), url);
        };
    }

    private static String fileName(String path) {
        if (path.isBlank()) {
            return "";
        }
        Path name = Path.of(path.replace("${run}", "run")).getFileName();
        return name == null ? "" : ":" + name;
    }

    private static String nonEmpty(String s, String fallback) {
        return s.isBlank() ? fallback : s;
    }
}
