package io.llexthil.link.serial;

import com.fazecast.jSerialComm.SerialPort;

/** Translates our settings into jSerialComm's int constants; the only place they appear. */
final class SerialPortAdapter {
    private SerialPortAdapter() {}

    static int parity(SerialSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    static int stopBits(SerialSettings.StopBits stop) {
        return switch (stop) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    static int flow(SerialSettings.Flow flow) {
        return switch (flow) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTSCTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XONXOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
