package io.hearth.api.token;

import java.util.List;

/**
 * The caller's API tokens, newest first, revoked and expired ones included; never their secrets.
 *
 * @param tokens the tokens of this page
 * @param nextPageToken give it as {@code page_token} for the next page; null on the last page
 */
public record TokenList(List<TokenInfo> tokens, String nextPageToken) {
    public TokenList {
        tokens = List.copyOf(tokens);
    }
}
