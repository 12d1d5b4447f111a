package io.llexthil.campaign.twin;

import io.llexthil.board.BoardInfo;

/** Creates a fresh twin (erased flash, empty list) for a board, with its target sizes. */
@FunctionalInterface
public interface TwinSessionFactory {
    TwinSession create(String profile, BoardInfo board);
}
