package io.llexthil.campaign.scenario;

/**
 * Faults armed just before a step's command runs and cleared after it.
 *
 * @param alloc the k-th LLEXT heap allocation from now fails (0 = none)
 * @param flash power is cut at the n-th flash operation of the next save (0 = none)
 */
public record StepFaults(int alloc, int flash) {

    public static final StepFaults NONE = new StepFaults(0, 0);

    public boolean any() { return alloc > 0 || flash > 0; }

    public String describe() {
        if (!any()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (alloc > 0) {
            sb.append("alloc ").append(alloc);
        }
        if (flash > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("flash ").append(flash);
        }
        return sb.toString();
    }
}
