package org.parcelveil.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list endpoint answers it: {@code {"items": [...], "nextCursor": "..." | null}}.
 * {@code nextCursor} is null on the last page; otherwise it is passed back as {@code ?cursor=} for the next one.
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** The same page with each item turned into its view. */
  public <R> Page<R> map(Function<? super T, ? extends R> view) {
    return new Page<>(items.stream().<R>map(view).toList(), nextCursor);
  }
}
