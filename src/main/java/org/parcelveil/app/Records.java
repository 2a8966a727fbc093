package org.parcelveil.app;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Reads and copies records by the dotted path of their components ({@code "tracking.lookups"}), so that a setting is
 * declared once, as a path into {@link Settings}, instead of through a wither per field and per level. The record
 * header stays the one place that lists the fields; each record's own constructor still validates the copy.
 */
final class Records {
  private Records() {}

  /** The value at {@code path} (e.g. {@code "http.port"}) inside {@code root}. */
  static Object get(Record root, String path) {
    Object at = root;
    for (String name : path.split("\\.")) {
      at = read((Record) at, component(at.getClass(), name));
    }
    return at;
  }

  /** A copy of {@code root} with the value at {@code path} replaced; every record on the way is rebuilt. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R root, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return replace(root, path, value);
    }
    String head = path.substring(0, dot);
    Record inner = (Record) read(root, component(root.getClass(), head));
    return replace(root, head, with(inner, path.substring(dot + 1), value));
  }

  /** The declared type of the component at {@code path}, starting from {@code type}. */
  static Class<?> type(Class<?> type, String path) {
    Class<?> at = type;
    for (String name : path.split("\\.")) {
      at = component(at, name).getType();
    }
    return at;
  }

  /** The component names of a record type, in declaration order. */
  static String[] names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> R replace(R record, String name, Object value) {
    RecordComponent[] all = record.getClass().getRecordComponents();
    Object[] args = new Object[all.length];
    Class<?>[] types = new Class<?>[all.length];
    boolean found = false;
    for (int i = 0; i < all.length; i++) {
      types[i] = all[i].getType();
      boolean hit = all[i].getName().equals(name);
      found |= hit;
      args[i] = hit ? value : read(record, all[i]);
    }
    if (!found) {
      throw new IllegalStateException(record.getClass().getSimpleName() + " has no component " + name);
    }
    try {
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      return (R) canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      // The record refused the value: its own message says why.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
    }
  }

  private static RecordComponent component(Class<?> type, String name) {
    if (!type.isRecord()) {
      throw new IllegalStateException(type.getSimpleName() + " is not a record");
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no component " + name);
  }

  private static Object read(Record record, RecordComponent c) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }
}
