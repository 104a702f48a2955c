package io.omskit.kpi;

import io.omskit.spi.model.Checks;

/**
 * A bad input record: its 1-based line number in the file and what is wrong with it.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param lineNumber the line of the file, from 1
 * @param message what is wrong
 */
public record ImportProblem(long lineNumber, String message) {
    public ImportProblem {
        Checks.present(message, "message");
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + message;
    }
}
