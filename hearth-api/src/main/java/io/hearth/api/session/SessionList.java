package io.hearth.api.session;

import java.util.List;

/**
 * A page of the caller's sessions, newest first.
 *
 * @param sessions this page
 * @param nextPageToken pass as {@code page_token} for the next page; null on the last
 */
public record SessionList(List<SessionResponse> sessions, String nextPageToken) {
    public SessionList {
        sessions = List.copyOf(sessions);
    }
}
