package io.llexthil.twin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The twin's context limits are the firmware's: read from firmware/core/include/hil/backend.h,
 * so changing one side without the other fails here.
 */
class FirmwareLimitsTest {
    private static final Path BACKEND_H = Path.of(System.getProperty("llexthil.repo", "../.."),
            "firmware/core/include/hil/backend.h");

    private static int define(String text, String name) {
        Matcher m = Pattern.compile("#define\\s+" + name + "\\s+(\\d+)u?\\b").matcher(text);
        assertThat(m.find()).as("%s is defined in %s", name, BACKEND_H).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void savedContextLimitsAndNameLengthMatchTheFirmwareHeader() throws IOException {
        String header = Files.readString(BACKEND_H);

        assertThat(TwinBoard.MAX_SAVED_EXT).isEqualTo(define(header, "HIL_CTX_MAX_EXT"));
        assertThat(TwinBoard.MAX_SAVED_MAPS).isEqualTo(define(header, "HIL_CTX_MAX_MAPS"));
        assertThat(TwinBoard.MAX_SAVED_SYMS).isEqualTo(define(header, "HIL_CTX_MAX_SYMS"));
        assertThat(TwinBoard.NAME_MAX).isEqualTo(define(header, "HIL_NAME_MAX"));
    }
}
