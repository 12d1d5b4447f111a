package io.llexthil.shell.inventory;

import java.util.Set;

/** The keys a board entry may carry: twister's hardware-map keys and ours (docs/boards.md). */
final class ProfileKeys {
    private ProfileKeys() {}

    static final Set<String> TWISTER = Set.of("connected", "id", "platform", "product", "runner", "runner_params",
            "serial", "serial_pty", "baud", "serial_baud", "probe_id", "fixtures", "flash_timeout", "flash_with_test",
            "flash_before", "pre_script", "post_flash_script", "post_script", "script_param", "hooks", "available",
            "notes");

    static final Set<String> OURS = Set.of("name", "link", "reset", "prompt", "prompt_regex", "banner", "fatal",
            "line_ending", "pacing", "ready_line", "retval", "timeouts", "flash");
}
