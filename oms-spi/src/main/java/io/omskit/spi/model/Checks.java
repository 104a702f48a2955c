package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.internal.FrozenList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Argument checks shared by the model's compact constructors. Stateless; thread-safe. */
public final class Checks {
    /** The longest id accepted, in chars. */
    public static final int MAX_ID_LENGTH = 128;

    // the classes of the JDK's immutable lists (List.of with 1-2 elements, and with 0 or 3+)
    private static final Class<?> LIST_12 = List.of(1).getClass();
    private static final Class<?> LIST_N = List.of().getClass();
    private static final List<Object> EMPTY = List.of(); // the JDK's one empty immutable list
    private static final Class<?> FROZEN = FrozenList.class;

    private Checks() {
    }

    /** A value that must be present. */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, name + " is required");
        }
        return value;
    }

    /**
     * A value that must be present, named by {@code name} followed by {@code subject} (for example
     * {@code "unit price of line "} and a line id): the name is only built when the check fails, so a
     * constructor that names the value it checks costs no string on its way through.
     */
    public static <T> T present(T value, String name, Object subject) {
        if (value == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, name + subject + " is required");
        }
        return value;
    }

    /**
     * An identifier: present, not blank, at most {@value #MAX_ID_LENGTH} chars, no control characters, no unpaired
     * surrogate (which no encoding can store: two ids differing only there would become one).
     */
    public static String id(String value, String kind) {
        present(value, kind);
        if (plain(value)) {
            return value;
        }
        if (value.isBlank()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, kind + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    kind + " is " + value.length() + " chars long, at most " + MAX_ID_LENGTH + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        kind + " contains a control character at index " + i);
            }
            if (Character.isSurrogate(c)) {
                // a lone surrogate is no character: UTF-8 (JSON, a database) would store it as '?', so two such ids
                // could become one
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                            kind + " contains an unpaired surrogate at index " + i);
                }
            }
        }
        return value;
    }

    /**
     * A state's name: an {@linkplain #id id}. The name of its built-in {@code category} (that very string, as
     * {@link Enum#name()} returns it) is known to be valid and passes without a scan: most states are built-in.
     */
    public static String state(String state, Enum<?> category, String kind) {
        if (category != null && state == category.name()) {
            return state;
        }
        return id(state, kind);
    }

    /**
     * An immutable list of a present list's elements, none of which may be null ({@code MISSING_VALUE} naming
     * the index): the list itself when it is already immutable (one of the JDK's immutable lists, {@code List.of},
     * {@code List.copyOf}, or the engine's {@link FrozenList}), else a copy (a {@code FrozenList}, which a later
     * check keeps without a scan). Same elements as {@code List.copyOf}, minus its interface type check, which
     * costs about 100 ns per decision on JDK 17 (a contended secondary-supers cache, JDK-8180450), and minus its
     * second copy of the array.
     */
    public static <T> List<T> list(List<T> list, String name) {
        // the lists the engine passes, kept in a few instructions; the rest out of line, so that a constructor that
        // checks several lists stays small enough for the JIT to inline it where it is called
        if (list != null) {
            Class<?> c = list.getClass();
            if (c == FROZEN || c == LIST_12 || list == EMPTY) {
                return list; // no nulls: FrozenList's makers promise it, List12's constructor refuses them
            }
        }
        return otherList(list, name);
    }

    /**
     * What {@link #list} returns when it returns, else null (a missing list, a null element, or a list that throws
     * when read) instead of throwing:
     * for a constructor that stores its fields before its checks, which then calls {@link #list} to throw.
     */
    static <T> List<T> listOrNull(List<T> list) {
        if (list != null) {
            Class<?> c = list.getClass();
            if (c == FROZEN || c == LIST_12 || list == EMPTY) {
                return list;
            }
            try {
                return otherList(list, "list");
            } catch (RuntimeException e) {
                // refused, or unreadable (a view whose source is gone): the caller's checks run in the order of its
                // components and Checks.list then throws this again, after the checks of the components before it
                return null;
            }
        }
        return null;
    }

    /** Throws what {@link #list} throws for a list {@link #listOrNull} refused. */
    static void refuseList(List<?> list, String name) {
        list(list, name);
        // only when the list read differently the second time (another thread changed it, or it threw only once)
        throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, name + " changed while it was checked");
    }

    private static <T> List<T> otherList(List<T> list, String name) {
        present(list, name);
        Class<?> c = list.getClass();
        if (c == FROZEN || c == LIST_12) {
            return list;
        }
        if (c == LIST_N) {
            // ListN may come from Stream.toList(), which allows nulls
            for (int i = 0, n = list.size(); i < n; i++) {
                if (list.get(i) == null) {
                    throw nullElement(name, i);
                }
            }
            return list;
        }
        Object[] a = list.toArray();
        if (c != ArrayList.class) {
            // any other list's toArray might hand out an array it keeps (ArrayList's is always new)
            a = Arrays.copyOf(a, a.length, Object[].class);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                throw nullElement(name, i);
            }
        }
        return FrozenList.wrap(a);
    }

    private static OmsValidationException nullElement(String name, int index) {
        return new OmsValidationException(OmsErrorCode.MISSING_VALUE, name + " holds no value at index " + index);
    }

    /** A quantity that must be at least 1. */
    public static int positive(int quantity, String name) {
        if (quantity <= 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, name + " must be positive, was " + quantity);
        }
        return quantity;
    }

    /** A quantity that must be at least 1, named as {@link #present(Object, String, Object)} names a value. */
    public static int positive(int quantity, String name, Object subject) {
        if (quantity <= 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    name + subject + " must be positive, was " + quantity);
        }
        return quantity;
    }

    /** A quantity that must be at least 0, named as {@link #present(Object, String, Object)} names a value. */
    public static int nonNegative(int quantity, String name, Object subject) {
        if (quantity < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    name + subject + " must not be negative, was " + quantity);
        }
        return quantity;
    }

    /** An {@linkplain #id(String, String) identifier}, named as {@link #present(Object, String, Object)} names a value. */
    public static String id(String value, String kind, Object subject) {
        if (value != null && plain(value)) {
            return value;
        }
        return id(value, kind + subject);
    }

    /**
     * The fast path of {@link #id}: an id of 1 to {@value #MAX_ID_LENGTH} printable, non-space ASCII chars
     * (0x21..0x7e) passes every check; anything else (spaces, controls, non-ASCII, empty, too long) takes the full
     * checks, same order, same codes and messages.
     */
    private static boolean plain(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_ID_LENGTH) {
            return false;
        }
        int i = 0;
        while (i < n && (char) (value.charAt(i) - 0x21) < 0x5e) {
            i++;
        }
        return i == n;
    }

    /**
     * A cost coefficient: finite and non-negative ({@code INVALID_VALUE}), named as
     * {@link #present(Object, String, Object)} names a value ({@code subject} may be {@code ""}).
     */
    public static double cost(double value, String name, Object subject) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    name + subject + " must be finite and non-negative, was " + value);
        }
        return value;
    }

    /** A quantity that must be at least 0. */
    public static int nonNegative(int quantity, String name) {
        if (quantity < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, name + " must not be negative, was " + quantity);
        }
        return quantity;
    }
}
