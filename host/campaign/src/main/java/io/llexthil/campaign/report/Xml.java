package io.llexthil.campaign.report;

/** Escaping for XML text and attributes (also used for the XHTML report). */
final class Xml {
    private Xml() { }

    /** Escapes markup characters and drops characters XML 1.0 cannot carry (raw control bytes from a console). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
                        sb.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else {
                        sb.append("\\x").append(String.format("%02x", (int) c));
                    }
                }
            }
        }
        return sb.toString();
    }
}
