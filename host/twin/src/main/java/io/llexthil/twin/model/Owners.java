package io.llexthil.twin.model;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner descriptions of heap blocks ("struct llext 'a'", ...). Built once per extension
 * name: the explorer allocates millions of blocks for a handful of names.
 */
public final class Owners {
    private static final int MAX_CACHED = 4096;
    private static final ConcurrentHashMap<String, String[]> CACHE = new ConcurrentHashMap<>();

    private Owners() {
    }

    public static String object(String name) {
        return of(name)[0];
    }

    public static String sectionMap(String name) {
        return of(name)[1];
    }

    public static String symbols(String name) {
        return of(name)[2];
    }

    public static String symbolTable(String name) {
        return of(name)[3];
    }

    private static String[] of(String name) {
        String[] o = CACHE.get(name);
        if (o == null) {
            o = new String[] {"struct llext '" + name + "'", "section map of '" + name + "'",
                "exported-symbol table of '" + name + "'", "load-time symbol table of '" + name + "'"};
            if (CACHE.size() < MAX_CACHED) {
                CACHE.putIfAbsent(name, o);
            }
        }
        return o;
    }
}
