package io.llexthil.board;

/** Whether a client may change the board. Field diagnostics use READ_ONLY. */
public enum AccessMode { READ_ONLY, READ_WRITE }
