package org.parcelveil.label;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the example labels in {@code docs/labels/}; run by hand after a layout change, then look at them. */
public final class ExampleLabels {
  private ExampleLabels() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/labels");
    Files.createDirectories(dir);
    Labels labels = Labels.withDefaults();
    write(labels, TestLabels.DOMESTIC.label(), Dpi.DPI_203, dir.resolve("domestic-cod-203dpi.png"));
    write(labels, TestLabels.DOMESTIC.label(), Dpi.DPI_300, dir.resolve("domestic-cod-300dpi.png"));
    write(labels, TestLabels.LATIN.label(), Dpi.DPI_203, dir.resolve("latin-no-cod-203dpi.png"));
    Files.write(dir.resolve("domestic-cod.pdf"), labels.pdf(TestLabels.DOMESTIC.label()));
    Files.writeString(dir.resolve("domestic-cod.zpl"), labels.zpl(TestLabels.DOMESTIC.label()));
  }

  private static void write(Labels labels, LabelData label, Dpi dpi, Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      labels.png(label, dpi, out);
    }
  }
}
