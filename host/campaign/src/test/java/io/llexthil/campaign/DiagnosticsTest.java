package io.llexthil.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llexthil.board.AccessMode;
import io.llexthil.campaign.diag.Diagnostics;
import io.llexthil.campaign.fake.FakeBoardClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticsTest {

    @Test
    void readsOnlyWithReadOnlyCommandsAndRendersTableAndJson() throws Exception {
        FakeBoardClient board = new FakeBoardClient(AccessMode.READ_ONLY);
        board.model.list.put("producer", 1);
        board.model.saved = java.util.List.of("producer");
        Diagnostics.Report r = Diagnostics.collect(board);
        assertThat(board.sent).containsExactly("info", "state", "ctx info");
        String table = Diagnostics.table(r);
        assertThat(table).contains("build id").contains("00112233445566778").contains("producer").contains("reset cause")
                .contains("boot counter");
        var json = new ObjectMapper().readTree(Diagnostics.json(r));
        assertThat(json.path("context").path("slots").get(0).path("valid").asBoolean()).isTrue();
        assertThat(json.path("context").path("slots").get(0).path("saved_by_this_build").asBoolean()).isTrue();
        assertThat(json.path("extensions").get(0).path("name").asText()).isEqualTo("producer");
        assertThat(json.path("heap").path("used").asLong()).isEqualTo(100);
    }
}
