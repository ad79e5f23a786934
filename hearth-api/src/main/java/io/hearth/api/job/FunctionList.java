package io.hearth.api.job;

import java.util.List;

/** The caller's functions, by name. */
public record FunctionList(List<FunctionInfo> functions) {
    public FunctionList {
        functions = List.copyOf(functions);
    }
}
