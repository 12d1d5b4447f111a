package io.llexthil.link.rfc2217;

/** Telnet (RFC 854/855) and COM-PORT-OPTION (RFC 2217) byte values used by the codec. */
public final class Telnet {
    public static final int IAC = 255;
    public static final int DONT = 254;
    public static final int DO = 253;
    public static final int WONT = 252;
    public static final int WILL = 251;
    public static final int SB = 250;
    public static final int SE = 240;

    public static final int OPT_BINARY = 0;
    public static final int OPT_ECHO = 1;
    public static final int OPT_SGA = 3;
    public static final int OPT_COM_PORT = 44;

    /** Client-to-server COM-PORT commands; the server answers with the same value plus 100. */
    public static final int CPO_SET_BAUDRATE = 1;
    public static final int CPO_SET_CONTROL = 5;
    public static final int CPO_NOTIFY_LINESTATE = 6;
    public static final int CPO_NOTIFY_MODEMSTATE = 7;
    public static final int CPO_SERVER_OFFSET = 100;

    /** SET-CONTROL values. */
    public static final int CONTROL_DTR_ON = 8;
    public static final int CONTROL_DTR_OFF = 9;
    public static final int CONTROL_RTS_ON = 11;
    public static final int CONTROL_RTS_OFF = 12;

    private Telnet() {}

    static String verbName(int verb) {
        return switch (verb) {
            case WILL -> "WILL";
            case WONT -> "WONT";
            case DO -> "DO";
            case DONT -> "DONT";
            default -> String.valueOf(verb);
        };
    }
}
