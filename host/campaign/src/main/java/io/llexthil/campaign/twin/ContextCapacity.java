package io.llexthil.campaign.twin;

import io.llexthil.board.BoardInfo;

import java.util.List;

/**
 * Whether a context fits one slot of the board's context store, as the firmware's store decides
 * before it writes anything ({@code -ENOSPC}, the previous context kept): the byte layout of
 * docs/context-format.md, the slot size the store derives from the flash geometry, and the private
 * bytes of the board's backend (the Zephyr backend keeps a copy of each {@code struct llext}, the
 * model boards none).
 *
 * @param slotSize   floor(partition / 2) rounded down to erase blocks
 * @param bodyOffset header and commit record, each padded to the write block
 * @param zephyrBlob the backend is Zephyr's ({@code info.profile} {@code zephyr})
 * @param llextSize  sizeof(struct llext) on the board
 */
record ContextCapacity(long slotSize, long bodyOffset, boolean zephyrBlob, int llextSize) {
    private static final int HEADER_LEN = 64;
    private static final int COMMIT_LEN = 16;
    private static final int BODY_PREFIX = 16;
    private static final int EXT_LEN = 64;
    private static final int MAP_LEN = 8;
    private static final int SYM_LEN = 36;
    /** The Zephyr backend's blob: a 16-byte head, per extension its image address and struct, per symbol a name offset. */
    private static final int BLOB_HEAD = 16;

    /** No limit: a board that reports no flash geometry. */
    static final ContextCapacity UNBOUNDED = new ContextCapacity(Long.MAX_VALUE, 0, false, 0);

    static ContextCapacity of(BoardInfo board) {
        BoardInfo.FlashGeometry g = board.flash();
        if (g == null || g.eraseBlock() <= 0 || g.writeBlock() <= 0) {
            return UNBOUNDED;
        }
        long slot = g.size() / 2 / g.eraseBlock() * g.eraseBlock();
        long bodyOffset = roundUp(HEADER_LEN, g.writeBlock()) + roundUp(COMMIT_LEN, g.writeBlock());
        return new ContextCapacity(slot, bodyOffset, "zephyr".equals(board.profile()),
                board.sizes() == null ? 0 : board.sizes().llext());
    }

    /** The body of a context of these extensions (section maps and exported symbols summed, image lengths in order). */
    long bodyBytes(int maps, int syms, List<Integer> imageLengths) {
        int n = imageLengths.size();
        long blob = zephyrBlob ? BLOB_HEAD + (long) n * (8 + llextSize) + 4L * syms : 0;
        long body = BODY_PREFIX + (long) n * EXT_LEN + (long) maps * MAP_LEN + (long) syms * SYM_LEN + roundUp(blob, 4);
        for (int len : imageLengths) {
            body += roundUp(len, 4);
        }
        return body;
    }

    boolean fits(int maps, int syms, List<Integer> imageLengths) {
        return bodyBytes(maps, syms, imageLengths) <= slotSize - bodyOffset;
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
