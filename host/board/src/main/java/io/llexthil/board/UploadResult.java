package io.llexthil.board;

/**
 * An upload's outcome and measurements.
 *
 * @param reply         the final {@code @@UPL} result (rc 0 = complete and CRC verified)
 * @param bytes         image length
 * @param resumedFrom   the offset the board asked to start from (0 unless resumed)
 * @param frames        frames sent, including retransmissions
 * @param naks          negative acknowledgements received
 * @param seconds       wall time of the data phase
 * @param lineRateRatio payload bytes/s divided by the link's nominal bytes/s (baud/10), or NaN
 */
public record UploadResult(HilReply reply, int bytes, int resumedFrom, int frames, int naks,
                           double seconds, double lineRateRatio) { }
