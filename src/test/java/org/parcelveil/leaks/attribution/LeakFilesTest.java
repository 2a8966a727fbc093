package org.parcelveil.leaks.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaked lists as found: plain lines tell phone numbers from waybills by their shape. */
class LeakFilesTest {

  @Test
  void plainLines_holdOneWaybillOrPhoneEach_blankLinesSkipped() throws IOException {
    List<LeakRecord> records = read("PV123456789012345A\n\n 13912345678 \n+86 139-1234-5678\nPV98765432\n", "lines");
    assertThat(records).extracting(LeakRecord::waybill)
        .containsExactly("PV123456789012345A", null, null, "PV98765432");
    assertThat(records).extracting(LeakRecord::phone)
        .containsExactly(null, "13912345678", "+86 139-1234-5678", null);
  }

  @Test
  void csv_readsKnownColumns_andIgnoresOthers() throws IOException {
    List<LeakRecord> records = read("Phone,colour,WAYBILL\n13912345678,red,PV1\n,blue,\n", "csv");
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).isEqualTo(new LeakRecord("PV1", "13912345678", null));
    assertThat(records.get(1).waybill()).isNull();
    assertThat(records.get(1).personal()).isFalse();
  }

  private static List<LeakRecord> read(String text, String format) throws IOException {
    List<LeakRecord> out = new ArrayList<>();
    LeakFiles.read(new StringReader(text), format).forEachRemaining(out::add);
    return out;
  }
}
