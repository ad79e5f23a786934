package io.hearth.server.session;

/**
 * What ran in a session so far.
 *
 * @param statementCount statements submitted to it
 * @param lastStatementId the one submitted last, or null
 */
public record SessionActivity(long statementCount, String lastStatementId) {}
