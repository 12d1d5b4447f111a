package io.llexthil.board;

/** Progress callback for uploads (acknowledged bytes so far). */
@FunctionalInterface
public interface UploadProgress {
    void acknowledged(int bytes, int total);

    UploadProgress NONE = (b, t) -> { };
}
