package io.hearth.api.statement;

/**
 * Why a statement failed.
 *
 * @param errorCode Spark's error condition (such as {@code TABLE_OR_VIEW_NOT_FOUND}) or a Hearth
 *     {@link io.hearth.api.ErrorCode} name (such as {@code ENGINE_LOST})
 * @param message a message for a person
 * @param sqlState the SQLSTATE, when there is one
 */
public record StatementError(String errorCode, String message, String sqlState) {}
