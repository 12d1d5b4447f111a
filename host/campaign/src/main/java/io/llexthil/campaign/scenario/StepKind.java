package io.llexthil.campaign.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The action of one scenario step; the YAML key that names it is {@link #key()}. */
public enum StepKind {
    UPLOAD("upload"), LOAD("load"), CALL("call"), UNLOAD("unload"), STATE("state"),
    SAVE("save"), RESET("reset"), RESTORE("restore"), ERASE("erase"), SLEEP("sleep");

    private final String key;

    StepKind(String key) { this.key = key; }

    public String key() { return key; }

    public static StepKind byKey(String key) {
        for (StepKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    public static String keys() {
        return Arrays.stream(values()).map(StepKind::key).collect(Collectors.joining(", "));
    }
}
