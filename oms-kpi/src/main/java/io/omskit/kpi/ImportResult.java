package io.omskit.kpi;

import java.util.List;

/**
 * What an import produced: the items (events or snapshots), the number of records read and the bad records skipped.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param <T> the kind of item
 * @param items the items, in file order (events of one order in timestamp order)
 * @param records non-blank lines read
 * @param problems the bad records, each skipped whole
 */
public record ImportResult<T>(List<T> items, long records, List<ImportProblem> problems) {
    public ImportResult {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
