package org.parcelveil.address;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds a look-up from names and short forms to what they name. A full name always wins; a short form two different
 * entries share (鼓楼 for two 鼓楼区 of one province) names neither, so it is refused rather than guessed.
 */
final class Names<T> {
  private final Map<String, T> full = new HashMap<>();
  private final Map<String, T> shortForms = new HashMap<>();
  private final Set<String> shared = new HashSet<>();

  void full(String name, T target) {
    full.put(name, target);
  }

  void shortForm(String name, T target) {
    if (name == null) {
      return;
    }
    T before = shortForms.putIfAbsent(name, target);
    if (before != null && before != target) {
      shared.add(name);
    }
  }

  Map<String, T> build() {
    Map<String, T> all = new HashMap<>(shortForms);
    shared.forEach(all::remove);
    all.putAll(full);
    return Map.copyOf(all);
  }
}
