package io.omskit.spi.model.internal;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An immutable list over an array that nobody else writes, without nulls: the form in which the engine hands its
 * working arrays to a new snapshot without copying them again, and which the model's list checks
 * ({@link io.omskit.spi.model.Checks#list}) keep as they are, without a scan. For {@code io.omskit.core} only
 * (the module exports this package to it alone): whoever wraps an array promises never to write it afterwards
 * and that it holds no null.
 *
 * <p>Immutable; thread-safe (the array is published through a final field). Equal to any list with the same
 * elements in the same order, as every {@link List}. Behaves as {@code List.of}'s lists do: every mutator throws
 * {@link UnsupportedOperationException}, even one that would change nothing, and a null is never looked up
 * ({@link NullPointerException}); unlike them it is not serializable (nothing the engine puts in it is).
 *
 * @param <E> the element type
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
    // the engine's empty list: a FrozenList too, so that every list of a snapshot the engine makes is one (a class
    // the snapshot's constructor can then know without a check, see OrderSnapshot)
    private static final FrozenList<Object> EMPTY = new FrozenList<>(new Object[0]);

    private final Object[] a;

    private FrozenList(Object[] a) {
        this.a = a;
    }

    /** The empty list (one shared instance). */
    @SuppressWarnings("unchecked") // holds no element of any type
    public static <E> List<E> empty() {
        return (List<E>) EMPTY;
    }

    /** A list of one element, which must be present. */
    public static <E> List<E> of(E e) {
        if (e == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "list holds no value at index 0");
        }
        return new FrozenList<>(new Object[] {e});
    }

    /**
     * A list of {@code a}'s elements, without a copy: the caller promises that {@code a} holds no null and is
     * never written again.
     */
    public static <E> List<E> wrap(Object[] a) {
        if (a.length == 0) {
            return empty();
        }
        // the one promise checked, a few ns: on the class path anyone can call this, and the model's list checks
        // keep a FrozenList without a scan
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "list holds no value at index " + i);
            }
        }
        return new FrozenList<>(a);
    }

    /**
     * A list of the first {@code n} elements of {@code a}: {@code a} itself when it holds exactly {@code n}, else a
     * copy of them (the caller's promises are those of {@link #wrap(Object[])}).
     */
    public static <E> List<E> wrap(Object[] a, int n) {
        return wrap(n == a.length ? a : Arrays.copyOf(a, n));
    }

    @Override
    @SuppressWarnings("unchecked") // only E is ever stored in a
    public E get(int index) {
        return (E) a[Objects.checkIndex(index, a.length)];
    }

    @Override
    public int size() {
        return a.length;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(a, a.length, Object[].class); // an Object[], as Collection.toArray promises, whatever a is
    }

    @Override
    public int indexOf(Object o) {
        Objects.requireNonNull(o);
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(o)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        Objects.requireNonNull(o);
        for (int i = a.length - 1; i >= 0; i--) {
            if (a[i].equals(o)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Object e : a) {
            h = 31 * h + e.hashCode();
        }
        return h;
    }

    // every mutator refused, even when it would change nothing (AbstractList lets clear() of an empty list, or
    // addAll of an empty collection, pass), as List.of's lists do

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        throw immutable();
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        throw immutable();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw immutable();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw immutable();
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw immutable();
    }

    @Override
    public void replaceAll(UnaryOperator<E> operator) {
        throw immutable();
    }

    @Override
    public void sort(Comparator<? super E> c) {
        throw immutable();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("immutable list");
    }
}
