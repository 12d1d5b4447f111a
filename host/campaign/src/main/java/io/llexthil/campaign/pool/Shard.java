package io.llexthil.campaign.pool;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One part {@code K/N} of a run split across CI jobs. A case belongs to the shard given by the
 * CRC-32 of its name, so the split depends on nothing but the name: every machine, JVM and
 * case order puts a case in the same shard, and adding a case never moves the others.
 *
 * @param index 1-based shard number K
 * @param count number of shards N
 */
public record Shard(int index, int count) {
    /** The whole run. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": need 1 <= K <= N, e.g. --shard 2/3");
        }
    }

    /** Parses {@code K/N}; a bad value fails with a one-line message naming the option. */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--shard " + text + ": expected K/N with whole numbers, e.g. --shard 2/3");
    }

    /** Whether the case named {@code caseName} runs in this shard. */
    public boolean owns(String caseName) {
        CRC32 crc = new CRC32();
        crc.update(caseName.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    /** The items of this shard, in their original order. */
    public <T> List<T> select(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().filter(i -> owns(name.apply(i))).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
