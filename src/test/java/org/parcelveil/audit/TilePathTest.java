package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tlog-tiles path grammar, with the examples of the C2SP spec. */
class TilePathTest {

  @ParameterizedTest
  @CsvSource({
      "0/x001/x234/067, 0, 1234067, 256",
      "0/000, 0, 0, 256",
      "1/999.p/17, 1, 999, 17",
      "2/000.p/1, 2, 0, 1",
      "entries/x001/000.p/255, -1, 1000, 255",
      "entries/273, -1, 273, 256"})
  void parse_canonicalPaths(String path, int level, long index, int width) {
    TilePath tile = TilePath.parse(path);
    assertThat(tile).isEqualTo(new TilePath(level, index, width));
    assertThat(tile.path()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "0/1", "0/01", "0/0001", "00/000", "64/000", "0/x000/001", "0/001/x234",
      "0/000.p/0", "0/000.p/256", "0/000.p/07", "0/000.p/", "x/000", "0/x001", "0/abc", "-1/000", "0/000/",
      "entries/000.p/1/2", "../000", "0/x999/x999/x999/x999/x999/x999/x999/999"})
  void parse_nonCanonical_fails(String path) {
    assertThatThrownBy(() -> TilePath.parse(path)).isInstanceOf(IllegalArgumentException.class);
  }
}
