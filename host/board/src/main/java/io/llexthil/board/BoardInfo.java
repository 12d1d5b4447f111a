package io.llexthil.board;

import java.util.List;

/** {@code hil info}: identity, target sizes the twin needs, heap, flash geometry, boot. */
public record BoardInfo(String firmware, String buildId, String zephyr, String board, String arch,
                        TargetSizes sizes, int maxDependencies, HeapStats heap, FlashGeometry flash,
                        long imageStoreSize, long imageStoreUsed, long bootCount, String resetCause,
                        String profile, boolean testCommands, UploadParams upload, List<String> commands,
                        String json) {

    /** sizeof(struct llext), sizeof(struct llext_elf_sect_map), sizeof(struct llext_symbol), sizeof(void *). */
    public record TargetSizes(int llext, int sectMap, int symbol, int pointer) { }

    public record FlashGeometry(long offset, long size, long eraseBlock, long writeBlock) { }

    public record UploadParams(int chunk, int window, int rxBuffer) { }
}
