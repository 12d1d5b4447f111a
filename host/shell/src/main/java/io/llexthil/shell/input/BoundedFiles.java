package io.llexthil.shell.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads input files with a size limit that is checked before the content is read: a regular file
 * by its size, anything else (a device such as {@code /dev/zero}, a pipe) by reading at most one
 * byte past the limit. So a wrong path costs milliseconds, never the heap.
 */
public final class BoundedFiles {
    /** Scenarios, board profiles and hardware maps: far more than any real one needs. */
    public static final long TEXT_LIMIT = 1L << 20;
    /** Extension images: the boards' image stores are a few hundred KiB at most. */
    public static final long IMAGE_LIMIT = 16L << 20;

    private BoundedFiles() { }

    /**
     * The file as UTF-8 text.
     *
     * @param what what the file should be, for messages ("scenario", "board profile")
     * @throws InputFileException missing, a directory, larger than {@code limit}, or not UTF-8 text
     */
    public static String readText(Path file, long limit, String what) {
        byte[] bytes = readBytes(file, limit, what);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = utf8.decode(in, out, true);
        if (result.isError()) {
            throw notText(file, what, in.position());
        }
        for (int i = 0; i < bytes.length; i++) {
            // valid UTF-8 but binary: a NUL never occurs in a text file
            if (bytes[i] == 0) {
                throw notText(file, what, i);
            }
        }
        out.flip();
        return out.toString();
    }

    /**
     * The file's bytes, refused before reading when larger than {@code limit}.
     *
     * @throws InputFileException missing, a directory, unreadable, or larger than {@code limit}
     */
    public static byte[] readBytes(Path file, long limit, String what) {
        if (Files.isDirectory(file)) {
            throw new InputFileException(file, "is a directory, not a " + what + " file; give the file's path");
        }
        try {
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > limit) {
                    throw tooLarge(file, what, size + " bytes", limit);
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw tooLarge(file, what, "more than " + limit + " bytes", limit);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, "no such file; check the path");
        } catch (AccessDeniedException e) {
            throw new InputFileException(file, "permission denied; check the file's permissions");
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read the " + what + " (" + e.getMessage() + ")");
        }
    }

    private static InputFileException tooLarge(Path file, String what, String size, long limit) {
        String kind = Files.isRegularFile(file) ? "" : " (not a regular file)";
        return new InputFileException(file, size + kind + " is over the " + human(limit) + " limit for a " + what
                + " file; check the path");
    }

    private static InputFileException notText(Path file, String what, int byteOffset) {
        return new InputFileException(file, "not a UTF-8 text file (byte " + byteOffset + "); give the " + what
                + " file");
    }

    private static String human(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? String.format(Locale.ROOT, "%d KiB", bytes >> 10) : bytes + " bytes";
    }
}
