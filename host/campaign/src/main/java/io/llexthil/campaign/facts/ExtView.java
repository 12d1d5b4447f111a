package io.llexthil.campaign.facts;

import java.util.List;

/** One entry of the global extension list, as the board reports it or the twin predicts it. */
public record ExtView(String name, int useCount, List<String> deps, int exportedSymbols, int sections, Long allocBytes) { }
