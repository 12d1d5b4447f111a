package io.llexthil.twin.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Zephyr's {@code sys_slist_t} with head and tail, operated exactly as slist.h does:
 * in particular {@link #remove} with a NULL {@code prev} sets the head to the node's
 * successor whatever the node's position (llext_restore's error path relies on it).
 */
public final class LlextList {
    public LlextStruct head;
    public LlextStruct tail;

    public void append(LlextStruct node) {
        node.nextNode = null;
        if (tail != null) {
            tail.nextNode = node;
        } else {
            head = node;
        }
        tail = node;
    }

    /** sys_slist_remove(list, prev, node). */
    public void remove(LlextStruct prev, LlextStruct node) {
        if (prev == null) {
            head = node.nextNode;
            if (tail == node) {
                tail = head;
            }
        } else {
            prev.nextNode = node.nextNode;
            if (tail == node) {
                tail = prev;
            }
        }
        node.nextNode = null;
    }

    /** sys_slist_find_and_remove. */
    public boolean findAndRemove(LlextStruct node) {
        LlextStruct prev = null;
        for (LlextStruct n = head; n != null; n = n.nextNode) {
            if (n == node) {
                remove(prev, n);
                return true;
            }
            prev = n;
        }
        return false;
    }

    /** llext_by_name: the first node whose name matches (strncmp over 16 bytes). */
    public LlextStruct byName(String name) {
        for (LlextStruct n = head; n != null; n = n.nextNode) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        return null;
    }

    public List<LlextStruct> nodes() {
        List<LlextStruct> out = new ArrayList<>();
        for (LlextStruct n = head; n != null; n = n.nextNode) {
            out.add(n);
        }
        return out;
    }

    public void clear() {
        head = null;
        tail = null;
    }
}
