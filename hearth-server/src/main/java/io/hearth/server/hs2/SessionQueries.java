package io.hearth.server.hs2;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.util.List;

/**
 * Runs one SQL text in a Hearth session, as its owner, and hands back the rows. The metadata
 * answers are built on this alone, so they are tested with scripted rows.
 */
public interface SessionQueries {
    /**
     * Runs {@code sql} in {@code session} as {@code principal} and waits for its rows.
     *
     * @return the rows, each a list of values in column order: {@code String}, {@code Boolean},
     *     {@code Long}, {@code Double} (numbers as JSON reads them), or {@code null}
     * @throws QueryFailedException if Spark refused or failed the SQL
     * @throws io.hearth.api.HearthException for anything else that stops the statement (session
     *     closed, engine lost, canceled, timed out)
     */
    List<List<Object>> run(Principal principal, SessionId session, String sql);
}
