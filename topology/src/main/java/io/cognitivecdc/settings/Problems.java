package io.cognitivecdc.settings;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a definition, so that one run reports all of them rather than the first. */
public final class Problems {

    private final List<Problem> problems = new ArrayList<>();

    public void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** How many were found so far: a reader compares counts to tell whether its part added any. */
    public int size() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }
}
