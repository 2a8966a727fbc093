package org.parcelveil.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Labels per second in each format, against ZXing alone encoding the same two symbols: how much the layout, the
 * text and the file format cost on top of the barcodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LabelBenchmark {
  private static final int BATCH = 1000;
  private static final Map<EncodeHintType, Object> QR_HINTS =
      Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4);

  private Labels labels;
  private LabelData label;
  private List<LabelData> batch;

  @Setup
  public void setUp() {
    labels = Labels.withDefaults();
    String waybill = "PV20261129000417K";
    QrTokens tokens = new QrTokens(Map.of(1, new byte[32]), 1);
    label = new LabelData("顺达快递", "标准快递 Standard", waybill, "HZ1-XH01-07",
        new MaskedParty("张**", "*******5678", "浙江省 杭州市 西湖区"),
        new MaskedParty("欧阳**", "*******1234", "广东省 深圳市 南山区"),
        1250, LocalDate.of(2026, 11, 29), 1, 1, Cod.of(12850, "CNY"), tokens.issue(waybill),
        "https://check.parcelveil.cn");
    batch = Collections.nCopies(BATCH, label);
  }

  @Benchmark
  public String zpl() {
    return labels.zpl(label);
  }

  @Benchmark
  public byte[] png203() {
    return labels.png(label, Dpi.DPI_203);
  }

  @Benchmark
  public byte[] png300() {
    return labels.png(label, Dpi.DPI_300);
  }

  @Benchmark
  public byte[] pdf() {
    return labels.pdf(label);
  }

  /** Per label: the score is labels per second inside one 1,000-page PDF. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int pdfBatch1000() throws IOException {
    return labels.pdf(batch, OutputStream.nullOutputStream());
  }

  /** ZXing alone: the Code 128 and QR symbols of one label as module matrices. */
  @Benchmark
  public Object rawZxingMatrices() throws WriterException {
    boolean[] bars = new Code128Writer().encode(label.waybill());
    BitMatrix qr = new QRCodeWriter().encode(label.qrContent(), BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
    return bars.length + qr.getWidth() > 0 ? qr : null;
  }

  /** ZXing alone: the same two symbols, scaled for 203 dpi and written as two PNG files. */
  @Benchmark
  public int rawZxingPng() throws WriterException, IOException {
    BitMatrix bars = new Code128Writer().encode(label.waybill(), BarcodeFormat.CODE_128, 680, 120);
    BitMatrix qr = new QRCodeWriter().encode(label.qrContent(), BarcodeFormat.QR_CODE, 240, 240, QR_HINTS);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    MatrixToImageWriter.writeToStream(bars, "PNG", out);
    MatrixToImageWriter.writeToStream(qr, "PNG", out);
    return out.size();
  }
}
