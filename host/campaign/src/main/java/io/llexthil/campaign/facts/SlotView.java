package io.llexthil.campaign.facts;

import java.util.List;

/** One context slot's metadata, as {@code ctx info} reports it or the twin predicts it. */
public record SlotView(String slot, boolean valid, long seq, int n, List<String> exts, boolean buildMatch) { }
