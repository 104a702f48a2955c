package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A state machine definition: named states, each with a built-in category of type {@code C}, an initial
 * state, and an explicit table of legal {@code (from, to)} transitions. One graph is shared by all orders.
 *
 * <p>Immutable and thread-safe once built. Built-in graphs come from {@link OrderGraphs}; a host extends one
 * with {@link #toBuilder()}: it may add custom states (each declaring the built-in category the engine treats
 * it as), add transitions and remove transitions, then {@link Builder#build()} a new graph.
 *
 * <p>State names are 1 to 64 characters of {@code [A-Za-z0-9_]}, so that they print unchanged in Mermaid.
 * A built-in state is named after its category constant and has that category.
 *
 * @param <C> the category type (for example {@link io.omskit.spi.model.FulfillmentStatus})
 */
public final class StateGraph<C extends Enum<C>> {
    private final String name;
    private final Class<C> categoryType;
    private final String initial;
    private final Map<String, C> categories;
    private final Map<String, Set<String>> targets;
    private final List<Transition> transitions;

    /**
     * One legal transition of a graph. An immutable value; thread-safe.
     *
     * @param from the source state's name
     * @param to the target state's name
     */
    public record Transition(String from, String to) {
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    private StateGraph(Builder<C> b) {
        this.name = b.name;
        this.categoryType = b.categoryType;
        this.initial = b.initial;
        this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(b.categories));
        Map<String, Set<String>> t = new LinkedHashMap<>();
        List<Transition> all = new ArrayList<>();
        for (String s : b.categories.keySet()) {
            Set<String> out = new LinkedHashSet<>();
            for (Transition tr : b.transitions) {
                if (tr.from().equals(s)) {
                    out.add(tr.to());
                    all.add(tr);
                }
            }
            t.put(s, Collections.unmodifiableSet(out));
        }
        this.targets = Collections.unmodifiableMap(t);
        this.transitions = List.copyOf(all);
    }

    /**
     * A builder for a new graph whose built-in states are all constants of {@code categoryType} (each named
     * after its constant), with no transitions yet.
     *
     * @param name the graph's name, used in messages and in Mermaid output
     * @param categoryType the category enum
     * @param initial the initial state (a constant of the category type)
     */
    public static <C extends Enum<C>> Builder<C> builder(String name, Class<C> categoryType, C initial) {
        Objects.requireNonNull(initial, "initial");
        Builder<C> b = new Builder<>(name, categoryType);
        for (C c : EnumSet.allOf(categoryType)) {
            b.categories.put(c.name(), c);
        }
        b.initial = initial.name();
        return b;
    }

    /** A builder that starts from this graph: same states and transitions. */
    public Builder<C> toBuilder() {
        Builder<C> b = new Builder<>(name, categoryType);
        b.categories.putAll(categories);
        b.transitions.addAll(transitions);
        b.initial = initial;
        return b;
    }

    /** The graph's name, such as {@code fulfillment}. */
    public String name() {
        return name;
    }

    /** The category enum type. */
    public Class<C> categoryType() {
        return categoryType;
    }

    /** The initial state's name. */
    public String initial() {
        return initial;
    }

    /** All state names, built-in ones first, then custom ones in the order they were added. */
    public Set<String> states() {
        return categories.keySet();
    }

    /** Whether {@code state} is a state of this graph. */
    public boolean hasState(String state) {
        return state != null && categories.containsKey(state);
    }

    /** The category of {@code state}, or empty when the graph has no such state. */
    public Optional<C> categoryOf(String state) {
        return state == null ? Optional.empty() : Optional.ofNullable(categories.get(state));
    }

    /**
     * The category of {@code state}.
     *
     * @throws OmsValidationException {@code INVALID_VALUE} if the graph has no such state
     */
    public C category(String state) {
        C c = state == null ? null : categories.get(state);
        if (c == null) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, name + " graph has no state " + state);
        }
        return c;
    }

    /** Whether the table holds the transition {@code from -> to}; false for unknown states. */
    public boolean canTransition(String from, String to) {
        if (from == null || to == null) {
            return false;
        }
        Set<String> out = targets.get(from);
        return out != null && out.contains(to);
    }

    /** Whether the table holds the transition between the built-in states named after these categories. */
    public boolean canTransition(C from, C to) {
        return canTransition(from.name(), to.name());
    }

    /** The states reachable in one step from {@code from}, in table order; empty for an unknown state. */
    public Set<String> targets(String from) {
        Set<String> out = from == null ? null : targets.get(from);
        return out == null ? Set.of() : out;
    }

    /** Every legal transition, grouped by source state. */
    public List<Transition> transitions() {
        return transitions;
    }

    /** Whether {@code state} is a custom state (its name is not the name of its category). */
    public boolean isCustom(String state) {
        C c = categories.get(state);
        return c != null && !c.name().equals(state);
    }

    /**
     * The graph as a Mermaid {@code stateDiagram-v2}: the initial arrow, every transition, an end arrow from
     * each state without outgoing transitions, and a description {@code NAME : NAME (category C)} for each
     * custom state.
     */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder(64 + transitions.size() * 32);
        sb.append("stateDiagram-v2\n");
        sb.append("    %% ").append(name).append('\n');
        for (Map.Entry<String, C> e : categories.entrySet()) {
            if (isCustom(e.getKey())) {
                sb.append("    ").append(e.getKey()).append(" : ").append(e.getKey())
                        .append(" (category ").append(e.getValue().name()).append(")\n");
            }
        }
        sb.append("    [*] --> ").append(initial).append('\n');
        for (Transition t : transitions) {
            sb.append("    ").append(t.from()).append(" --> ").append(t.to()).append('\n');
        }
        for (Map.Entry<String, Set<String>> e : targets.entrySet()) {
            if (e.getValue().isEmpty() && (isReached(e.getKey()) || e.getKey().equals(initial))) {
                sb.append("    ").append(e.getKey()).append(" --> [*]\n");
            }
        }
        return sb.toString();
    }

    /**
     * The graph in Graphviz DOT: a {@code digraph} named after the graph, one node per state (custom states
     * labelled with their category, the initial state drawn bold) and one edge per transition.
     */
    public String toDot() {
        StringBuilder sb = new StringBuilder(64 + transitions.size() * 32);
        sb.append("digraph ").append(name).append(" {\n");
        for (Map.Entry<String, C> e : categories.entrySet()) {
            sb.append("    ").append(e.getKey());
            if (isCustom(e.getKey())) {
                sb.append(" [label=\"").append(e.getKey()).append("\\n(").append(e.getValue().name()).append(")\"]");
            } else if (e.getKey().equals(initial)) {
                sb.append(" [style=bold]");
            }
            sb.append(";\n");
        }
        for (Transition t : transitions) {
            sb.append("    ").append(t.from()).append(" -> ").append(t.to()).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private boolean isReached(String state) {
        for (Transition t : transitions) {
            if (t.to().equals(state)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "StateGraph[" + name + ", " + categories.size() + " states, " + transitions.size() + " transitions]";
    }

    /**
     * Builds a {@link StateGraph}. Not thread-safe; use it from one thread, then share the built graph.
     *
     * @param <C> the category type
     */
    public static final class Builder<C extends Enum<C>> {
        private static final int MAX_STATE_NAME = 64;

        private final String name;
        private final Class<C> categoryType;
        private final Map<String, C> categories = new LinkedHashMap<>();
        private final List<Transition> transitions = new ArrayList<>();
        private String initial;

        private Builder(String name, Class<C> categoryType) {
            this.name = Objects.requireNonNull(name, "name");
            this.categoryType = Objects.requireNonNull(categoryType, "categoryType");
        }

        /**
         * Adds a custom state that the engine treats as {@code category}.
         *
         * @throws IllegalArgumentException if the name is malformed or already a state
         */
        public Builder<C> state(String state, C category) {
            checkName(state);
            Objects.requireNonNull(category, "category");
            if (categories.containsKey(state)) {
                throw new IllegalArgumentException(name + " graph already has state " + state);
            }
            categories.put(state, category);
            return this;
        }

        /**
         * Adds the transition {@code from -> to} (both must be states already); adding an existing one is a no-op.
         *
         * @throws IllegalArgumentException if either state is unknown
         */
        public Builder<C> transition(String from, String to) {
            known(from);
            known(to);
            Transition t = new Transition(from, to);
            if (!transitions.contains(t)) {
                transitions.add(t);
            }
            return this;
        }

        /** Adds the transition between the built-in states named after these categories. */
        public Builder<C> transition(C from, C to) {
            return transition(from.name(), to.name());
        }

        /** Adds {@code from -> to} for every target. */
        public Builder<C> transitions(C from, List<C> to) {
            for (C c : to) {
                transition(from, c);
            }
            return this;
        }

        /** Removes the transition {@code from -> to} if present. */
        public Builder<C> removeTransition(String from, String to) {
            transitions.remove(new Transition(from, to));
            return this;
        }

        /** The built graph. */
        public StateGraph<C> build() {
            known(initial);
            return new StateGraph<>(this);
        }

        private void known(String state) {
            if (state == null || !categories.containsKey(state)) {
                throw new IllegalArgumentException(name + " graph has no state " + state);
            }
        }

        private void checkName(String state) {
            Objects.requireNonNull(state, "state");
            if (state.isEmpty() || state.length() > MAX_STATE_NAME) {
                throw new IllegalArgumentException("state name must be 1 to " + MAX_STATE_NAME + " chars: " + state);
            }
            for (int i = 0; i < state.length(); i++) {
                char ch = state.charAt(i);
                boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                if (!ok) {
                    throw new IllegalArgumentException("state name may only hold [A-Za-z0-9_]: " + state);
                }
            }
        }
    }
}
