package io.llexthil.campaign.run;

import io.llexthil.campaign.facts.Facts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a step's observed {@link Facts} with the twin's prediction.
 *
 * <p>Rules:
 * <ul>
 *   <li>Every field the twin predicts is compared; a predicted field the board did not report is
 *       a divergence. Fields only the board reports are kept in the record but are not compared
 *       (the twin does not claim to know them), except per-extension fields: an extension the
 *       board lists and the twin does not is already a {@code list} divergence, and its own
 *       fields are reported too.</li>
 *   <li>A crash predicted by the twin (heap corruption) and observed on the board (fatal banner)
 *       is an agreement, and nothing else is compared for that step: the state after a crash is
 *       not defined. A crash nobody predicted, or a predicted crash that did not happen, is a
 *       divergence on {@code crash}.</li>
 *   <li>Heap fields are compared exactly: a leak shows as a {@code heap.used} difference.</li>
 * </ul>
 */
public final class Differ {

    private Differ() { }

    public static List<Difference> diff(int step, String label, Facts predicted, Facts observed, List<String> excerpt) {
        List<Difference> out = new ArrayList<>();
        boolean crashPredicted = "true".equals(predicted.get("crash"));
        boolean crashObserved = "true".equals(observed.get("crash"));
        if (crashPredicted || crashObserved) {
            if (crashPredicted != crashObserved) {
                out.add(new Difference(step, label, "crash", "twin", Boolean.toString(crashPredicted),
                        Boolean.toString(crashObserved), excerpt));
            }
            return out;
        }
        Set<String> fields = new LinkedHashSet<>(predicted.asMap().keySet());
        for (String f : observed.asMap().keySet()) {
            if (f.startsWith("ext.")) {
                fields.add(f);
            }
        }
        for (String f : fields) {
            String p = predicted.has(f) ? predicted.get(f) : Difference.ABSENT;
            String o = observed.has(f) ? observed.get(f) : Difference.ABSENT;
            if (!p.equals(o)) {
                out.add(new Difference(step, label, f, "twin", p, o, excerpt));
            }
        }
        return out;
    }
}
