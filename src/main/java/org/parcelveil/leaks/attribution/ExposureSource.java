package org.parcelveil.leaks.attribution;

import java.util.List;

/**
 * Finds the shipments leaked records match and who held them. The service reads its stores; the evaluation harness
 * answers from its simulated network, so both rank with the same rules and model.
 */
@FunctionalInterface
public interface ExposureSource {
  /** For each record, in order, the shipments it matched (empty if none). */
  List<List<Exposure>> match(List<LeakRecord> records);
}
