package io.hearth.api.statement;

import java.util.List;

/**
 * A page of statements, newest first.
 *
 * @param statements this page
 * @param nextPageToken pass as {@code page_token} for the next page; null on the last
 */
public record StatementList(List<StatementSummary> statements, String nextPageToken) {
    public StatementList {
        statements = List.copyOf(statements);
    }
}
