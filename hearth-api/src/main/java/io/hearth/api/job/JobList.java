package io.hearth.api.job;

import java.util.List;

/**
 * A page of jobs, newest first.
 *
 * @param nextPageToken pass as {@code page_token} for the next page; null on the last
 */
public record JobList(List<JobSummary> jobs, String nextPageToken) {
    public JobList {
        jobs = List.copyOf(jobs);
    }
}
