package io.llexthil.campaign.fuzz;

import io.llexthil.campaign.scenario.EraseAction;
import io.llexthil.campaign.scenario.LoadAction;
import io.llexthil.campaign.scenario.ResetAction;
import io.llexthil.campaign.scenario.ResetSpec;
import io.llexthil.campaign.scenario.RestoreAction;
import io.llexthil.campaign.scenario.SaveAction;
import io.llexthil.campaign.scenario.StateAction;
import io.llexthil.campaign.scenario.Step;
import io.llexthil.campaign.scenario.StepFaults;
import io.llexthil.campaign.scenario.UnloadAction;
import io.llexthil.campaign.scenario.UploadAction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random step sequences from a seed: the same seed always gives the same sequence. Steps are
 * load, unload, save (all or a random subset in random order), reset, restore (sometimes in a
 * random order), erase, allocation faults on loads and restores, and power cuts during saves. The first step uploads
 * every image of the pool.
 */
public final class SequenceGenerator {
    /** Sample extensions with dependencies between them (consumer -> producer, chain8 -> chain0..7 is too long). */
    public static final List<String> DEFAULT_POOL = List.of("producer", "consumer", "counter", "noexp");

    private final List<String> pool;
    private final int minLength;
    private final int maxLength;

    public SequenceGenerator(List<String> pool, int minLength, int maxLength) {
        this.pool = List.copyOf(pool);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public List<Step> generate(long seed) {
        Random r = new Random(seed);
        int length = minLength + r.nextInt(maxLength - minLength + 1);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(new UploadAction(pool)));
        for (int i = 0; i < length; i++) {
            steps.add(next(r));
        }
        steps.add(Step.of(new StateAction(null)));
        return steps;
    }

    private Step next(Random r) {
        int roll = r.nextInt(100);
        String ext = pool.get(r.nextInt(pool.size()));
        if (roll < 30) {
            Step s = Step.of(new LoadAction(ext));
            return r.nextInt(8) == 0 ? s.withFaults(new StepFaults(1 + r.nextInt(3), 0)) : s;
        }
        if (roll < 45) {
            return Step.of(new UnloadAction(ext));
        }
        if (roll < 60) {
            if (r.nextInt(10) == 0) {
                // a power cut somewhere in the save's first flash operations
                return Step.of(new SaveAction(List.of())).withFaults(new StepFaults(0, 1 + r.nextInt(16)));
            }
            if (r.nextBoolean()) {
                return Step.of(new SaveAction(List.of()));
            }
            List<String> subset = new ArrayList<>(pool);
            Collections.shuffle(subset, r);
            return Step.of(new SaveAction(subset.subList(0, 1 + r.nextInt(subset.size()))));
        }
        if (roll < 75) {
            return Step.of(new ResetAction(ResetSpec.shell()));
        }
        if (roll < 95) {
            Step s = Step.of(new RestoreAction(List.of()));
            return r.nextInt(4) == 0 ? s.withFaults(new StepFaults(1 + r.nextInt(8), 0)) : s;
        }
        return Step.of(new EraseAction());
    }
}
