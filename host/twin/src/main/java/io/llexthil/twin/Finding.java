package io.llexthil.twin;

/**
 * The kinds of divergence the explorer reports: each is an input on which upstream's outcome
 * breaks a promise the contract profile keeps (or a twin self-check that must never fire).
 */
public enum Finding {
    DEPENDENCY_ON_LAST_REJECTED("restore fails with -EINVAL when an extension depends on the copy at ext[n_ext-1]: "
            + "the range check is [first, last) with last = ext[n_ext-1]"),
    DEPENDENCY_BELOW_FIRST_REJECTED("restore fails with -EINVAL when a dependency's copy (not ext[n_ext-1]) lies at a "
            + "lower address than ext[0] (ext[] not in flat-array order)"),
    DEPENDENCY_ABOVE_LAST_REJECTED("restore fails with -EINVAL when a dependency's copy lies at a higher address "
            + "than ext[n_ext-1] (ext[] not in flat-array order)"),
    PRELOADED_WITH_DEPENDENCIES_REJECTED("restore fails with -EINVAL when an extension loaded before the call has "
            + "dependencies: the dependency loop walks the whole global list"),
    DEPENDENCY_NOT_FOUND("restore fails with -EFAULT: a dependency lies in range but its copy was not restored"),
    OTHER_VALID_INPUT_REJECTED("restore fails on an input the contract restores, for another reason"),
    INVALID_INPUT_ACCEPTED("restore returns 0 on an input the contract rejects as invalid"),
    DEPENDENCY_BOUND_TO_PRELOADED_NAMESAKE("after a successful restore a dependency points at an extension "
            + "loaded before the call that has the same name, not at the restored one (binding by name)"),
    SUCCESS_STATE_DIFFERS("both succeed but the list (order, use counts, dependencies) differs"),
    FAILURE_NULLS_EXT_SLOTS("a failed restore leaves NULL in ext[] slots (the contract leaves ext[] as it was)"),
    FAILURE_FREES_LOADER_MAPS("a failed restore leaves ldr[i]->sect_map pointing at freed section maps"),
    FAILURE_DOUBLE_FREE("a failed restore frees map[] / exp_tab[] twice (crashes a board with CONFIG_ASSERT)"),
    FAILURE_READS_FREED_MEMORY("a failed restore reads map[] / exp_tab[] after freeing them"),
    FAILURE_DROPS_PRELOADED("a failed restore unlinks extensions loaded before the call from the global list "
            + "(sys_slist_remove with prev = NULL on a node that is not the head); their memory leaks"),
    FAILURE_LEAKS("a failed restore leaves heap blocks no listed extension holds"),
    FAILURE_CHANGES_LIST("a failed restore leaves the global list different from before the call"),
    SUCCESS_LEAKS("a successful restore leaves heap blocks no listed extension holds"),
    ZERO_EXTENSIONS_OOB_READ("n_ext = 0: ext[0] and ext[n_ext-1] (= ext[4294967295]) are read out of bounds, "
            + "then the 0-byte map allocation returns NULL and restore returns -ENOMEM"),
    DEPENDENCY_SLOT_OOB_READ("with all 8 dependency slots used, the loop condition reads dependency[8] "
            + "(the next field) before checking j < 8"),
    CONTRACT_SELF_CHECK("the contract profile broke its own promise: a bug in the twin");

    private final String explanation;

    Finding(String explanation) {
        this.explanation = explanation;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String explanation() {
        return explanation;
    }
}
