package io.llexthil.bench.jmh;

import io.llexthil.board.ResultLine;

/** Typical wire data for the hot-path benchmarks. */
final class Samples {
    static final String STATE_JSON = "{\"exts\":[{\"name\":\"producer\",\"use_count\":2,\"deps\":[],\"exp\":2,\"sect\":9,"
            + "\"alloc\":176},{\"name\":\"consumer\",\"use_count\":1,\"deps\":[\"producer\"],\"exp\":0,\"sect\":9,\"alloc\":112}],"
            + "\"heap\":{\"size\":16384,\"used\":520,\"free\":15864,\"max_used\":800,\"allocs\":5}}";
    static final String STATE_LINE = ResultLine.format(ResultLine.HIL, 12345678, 0, STATE_JSON);

    private Samples() { }
}
