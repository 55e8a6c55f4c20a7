package io.switchboard.delivery;

import java.util.List;

/**
 * One page of a listing. There is no total: counting a large store on every page is what paging avoids.
 *
 * @param items the page's items
 * @param nextCursor where the next page starts, or null when this is the last one
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
