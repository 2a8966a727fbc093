package org.parcelveil.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.parcelveil.validation.ValidationException;

/**
 * How every list endpoint pages (docs/lists.md): {@code ?limit=} ({@value #DEFAULT_LIMIT} by default, at most
 * {@value #MAX_LIMIT}; more is a 400) and an opaque {@code ?cursor=}, the previous page's {@code nextCursor}.
 *
 * <p>A cursor holds only a position in the list it came from (the sort key of the last item served), never a scope
 * or a filter: every query stays scoped to its caller, so an edited cursor moves at most within the caller's own
 * list. One that does not decode, or was made for another list, is a 400 naming {@code cursor}. Positions are
 * strings that sort in list order, so a page starts strictly after the last one served: an item added or removed
 * between two requests neither repeats nor hides another.
 */
public final class Paging {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  private static final int MAX_CURSOR = 512;
  private static final String VERSION = "1";
  /** The latest time a position may hold: any later one is forged (and beyond what the database stores). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Paging() {}

  /** What a caller asked for: how many items, and after which position ({@code null} for the first page). */
  public record Request(String list, int limit, String after) {
    /** One more than the limit: the extra item only tells whether another page follows. */
    public int fetch() {
      return limit + 1;
    }
  }

  /**
   * The caller's {@code limit} and {@code cursor} for the list named {@code list} (a short fixed name such as
   * {@code "shipments"}: a cursor of one list is refused by another).
   *
   * @throws ValidationException naming {@code limit} or {@code cursor}
   */
  public static Request of(Context ctx, String list) {
    return of(list, ctx.queryParam("limit"), ctx.queryParam("cursor"));
  }

  /** As {@link #of(Context, String)}, from the raw query values. */
  public static Request of(String list, String limit, String cursor) {
    return new Request(list, limit(limit), cursor == null ? null : decode(list, cursor));
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ValidationException.of("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static String decode(String list, String cursor) {
    String text = null;
    if (cursor.length() <= MAX_CURSOR) {
      try {
        text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        text = null;
      }
    }
    String prefix = VERSION + "|" + list + "|";
    if (text == null || !text.startsWith(prefix) || text.length() == prefix.length()) {
      throw ValidationException.of("cursor", "is not a cursor of this list: pass nextCursor from the previous page");
    }
    return text.substring(prefix.length());
  }

  /** The cursor that continues {@code list} after {@code position}. */
  public static String cursor(String list, String position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + "|" + list + "|" + position).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The page made of {@code fetched}: up to {@link Request#fetch()} items read in list order after the request's
   * position. The first {@code limit} are served; if there were more, the cursor continues after the last served.
   */
  public static <T> Page<T> page(Request r, List<T> fetched, Function<? super T, String> position) {
    if (fetched.size() <= r.limit()) {
      return new Page<>(fetched, null);
    }
    List<T> served = fetched.subList(0, r.limit());
    return new Page<>(served, cursor(r.list(), position.apply(served.get(served.size() - 1))));
  }

  /**
   * One page of a list read whole (a short list such as the stations): the items are put in the order of their
   * positions ({@code order} over the position strings, which must be unique) and served from after the request's.
   */
  public static <T> Page<T> of(Request r, List<T> all, Function<? super T, String> position,
      Comparator<String> order) {
    List<T> after = all.stream()
        .sorted(Comparator.comparing(position, order))
        .filter(t -> r.after() == null || order.compare(position.apply(t), r.after()) > 0)
        .limit(r.fetch())
        .toList();
    return page(r, after, position);
  }

  /**
   * A position that sorts as {@code (at, id)} does, oldest first as text: for lists in time order with an id to
   * break ties. Times before 1970 do not occur in this service.
   */
  public static String timePosition(Instant at, String id) {
    return String.format("%019d%09d|%s", at.getEpochSecond(), at.getNano(), id);
  }

  /** The time and id of a {@link #timePosition}, or a 400 naming {@code cursor} if it is not one. */
  public static TimeAndId timeAndId(String position) {
    int bar = position.indexOf('|');
    if (bar != 28 || position.length() == 29) {
      throw ValidationException.of("cursor", "is not a cursor of this list: pass nextCursor from the previous page");
    }
    try {
      long seconds = Long.parseLong(position.substring(0, 19));
      int nanos = Integer.parseInt(position.substring(19, 28));
      Instant at = Instant.ofEpochSecond(seconds, nanos);
      if (at.isAfter(LATEST)) {
        // A forged position the database could not even compare with: the caller's mistake, not the store's.
        throw ValidationException.of("cursor", "is not a cursor of this list: pass nextCursor from the previous page");
      }
      return new TimeAndId(at, position.substring(29));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw ValidationException.of("cursor", "is not a cursor of this list: pass nextCursor from the previous page");
    }
  }

  /** A position read back: the time and id of the last item served. */
  public record TimeAndId(Instant at, String id) {}
}
