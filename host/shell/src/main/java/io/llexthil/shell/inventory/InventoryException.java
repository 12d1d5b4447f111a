package io.llexthil.shell.inventory;

/**
 * A board inventory file is wrong. The message is one line naming the file, the entry (index
 * counted from 1, and id) where there is one, and the field, e.g.
 * {@code boards/x.yaml: entry 2 (id 0010500): field 'baud': expected an integer, got 'fast'}.
 */
public class InventoryException extends RuntimeException {
    public InventoryException(String message) { super(message); }

    public InventoryException(String message, Throwable cause) { super(message, cause); }
}
