package org.parcelveil.leaks.detect;

import java.util.Arrays;

/**
 * Robust location and spread: the median and the median absolute deviation (MAD), which a few extreme values
 * cannot drag, unlike the mean and standard deviation. 1.4826 × MAD estimates the standard deviation of normal data.
 */
final class Robust {
  static final double MAD_TO_SIGMA = 1.4826;

  private Robust() {}

  /** The count above which a value is far from the first {@code n} of {@code values}; NaN if there are none. */
  static double threshold(int[] values, int n, double k) {
    if (n == 0) {
      return Double.NaN;
    }
    double median = median(Arrays.copyOf(values, n));
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(values[i] - median);
    }
    Arrays.sort(dev);
    double mad = n % 2 == 1 ? dev[n / 2] : (dev[n / 2 - 1] + dev[n / 2]) / 2;
    // Counts are roughly Poisson: below a spread of √median the MAD of small counts says more about rounding than
    // about behaviour, so the spread never goes under it (nor under one).
    double sigma = Math.max(Math.max(MAD_TO_SIGMA * mad, Math.sqrt(median)), 1.0);
    return median + k * sigma;
  }

  static double median(int[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }
}
