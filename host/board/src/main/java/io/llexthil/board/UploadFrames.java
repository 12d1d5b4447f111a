package io.llexthil.board;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Upload data-mode frames: {@code A5 5A | offset u32 LE | len u16 LE | payload | crc32 u32 LE}. */
public final class UploadFrames {
    /** Bytes a frame adds to its payload. */
    public static final int OVERHEAD = 12;

    private UploadFrames() { }

    public static byte[] frame(byte[] image, int offset, int len) {
        ByteBuffer b = ByteBuffer.allocate(len + OVERHEAD).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xA5).put((byte) 0x5A).putInt(offset).putShort((short) len);
        b.put(image, offset, len);
        b.putInt((int) crc32(image, offset, len));
        return b.array();
    }

    /** The frame that ends data mode: length 0 at the image's end. */
    public static byte[] end(int imageLength) {
        return frame(new byte[0], 0, 0, imageLength);
    }

    private static byte[] frame(byte[] src, int from, int len, int offset) {
        ByteBuffer b = ByteBuffer.allocate(len + OVERHEAD).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xA5).put((byte) 0x5A).putInt(offset).putShort((short) len);
        b.put(src, from, len);
        b.putInt((int) crc32(src, from, len));
        return b.array();
    }

    public static long crc32(byte[] data, int offset, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, len);
        return crc.getValue();
    }
}
