package io.llexthil.cli;

import io.llexthil.board.BoardClient;
import io.llexthil.board.Boards;
import io.llexthil.board.ResetUnavailableException;
import io.llexthil.campaign.run.StandardResetDriver;
import io.llexthil.link.LinkUrl;
import io.llexthil.shell.BoardProfile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A board the link starts itself boots another build by being started again with
 * {@code build-id=} (the same flash file or RAM file, both under the first connection's run
 * directory); any other board cannot switch builds by itself and needs a flash command in the
 * reset step.
 */
final class RelaunchFirmwareSwitch implements StandardResetDriver.FirmwareSwitch {
    private final BoardProfile profile;
    private int reconnects;

    RelaunchFirmwareSwitch(BoardProfile profile) {
        this.profile = profile;
    }

    @Override
    public Optional<String> unavailable(BoardClient client) {
        if (!(client instanceof ReconnectingBoardClient rc) || !url(rc).capabilities().launchesBoard()) {
            return StandardResetDriver.FirmwareSwitch.NONE.unavailable(client);
        }
        // a new QEMU process keeps the storage only in a file-backed RAM, as flash does across a reflash
        LinkUrl url = url(rc);
        if (url.scheme().equals("qemu") && url.param("memfile", "").isEmpty()) {
            return Optional.of("cannot reboot into another build with its storage kept: its qemu: link has no"
                    + " memfile= (add &memfile=${run}/qemu-psram.bin, docs/qemu.md)");
        }
        return Optional.empty();
    }

    @Override
    public void boot(BoardClient client, String buildId, Duration timeout) {
        Optional<String> why = unavailable(client);
        if (why.isPresent()) {
            throw new ResetUnavailableException(profile.name(), "reset (firmware)", why.get(), "", null);
        }
        ReconnectingBoardClient rc = (ReconnectingBoardClient) client;
        LinkUrl next = url(rc).with("build-id", "default".equals(buildId) ? null : buildId);
        BoardProfile other = profile.toBuilder().link(next.text()).build();
        int n = ++reconnects;
        rc.reconnect(old -> {
            old.close();
            return Boards.open(other, rc.runDir().resolve("boot-" + n + "-" + buildId), old.accessMode());
        });
    }

    private LinkUrl url(ReconnectingBoardClient rc) {
        return LinkUrl.expand(profile.link(), Map.of("repo", Boards.repoRoot().toString(),
                "run", rc.runDir().toAbsolutePath().toString()));
    }
}
