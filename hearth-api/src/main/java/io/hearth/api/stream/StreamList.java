package io.hearth.api.stream;

import java.util.List;

/**
 * The caller's streams, newest first.
 *
 * @param streams the streams of this page
 * @param nextPageToken give it as {@code page_token} for the next page; null on the last page
 */
public record StreamList(List<StreamInfo> streams, String nextPageToken) {
    public StreamList {
        streams = List.copyOf(streams);
    }
}
