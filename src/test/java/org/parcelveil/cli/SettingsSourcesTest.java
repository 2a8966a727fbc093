package org.parcelveil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parcelveil.app.Setting;
import org.parcelveil.app.Settings;
import org.parcelveil.app.SettingsCatalog;
import org.parcelveil.witness.WitnessKey;
import picocli.CommandLine;

/** Each setting is read from a flag, the environment or the config file, in that order, and refused clearly. */
class SettingsSourcesTest {
  @TempDir
  Path dir;

  @Test
  void eachWayOfSetting_works() throws Exception {
    assertThat(serve(Map.of(), "serve", "--port", "9001").settings().http().port()).isEqualTo(9001);
    assertThat(serve(Map.of("PARCELVEIL_PORT", "9002"), "serve").settings().http().port()).isEqualTo(9002);
    Path file = config("port=9003\n");
    assertThat(serve(Map.of(), "serve", "--config", file.toString()).settings().http().port()).isEqualTo(9003);
    assertThat(serve(Map.of("PARCELVEIL_CONFIG", file.toString()), "serve").settings().http().port()).isEqualTo(9003);
    assertThat(serve(Map.of(), "serve").settings().http().port()).isEqualTo(Settings.defaults().http().port());
  }

  @ParameterizedTest(name = "flag={0} env={1} file={2} -> {3}")
  @CsvSource({
      "9001, 9002, 9003, 9001",
      "    , 9002, 9003, 9002",
      "    ,     , 9003, 9003",
      "    ,     ,     , 8080"})
  void precedence_isFlagThenEnvThenFileThenDefault(String flag, String env, String file, int expected)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--config", config(file == null ? "" : "port=" + file)
        .toString()));
    if (flag != null) {
      args.addAll(List.of("--port", flag));
    }
    Map<String, String> environment = env == null ? Map.of() : Map.of("PARCELVEIL_PORT", env);
    assertThat(serve(environment, args.toArray(String[]::new)).settings().http().port()).isEqualTo(expected);
  }

  @Test
  void leakWebhookAndDetectors_areSettable() throws Exception {
    Path file = config("leak-webhook=https://alerts.example.test/pv\ndetect-refusal-burst=7\n");
    Settings s = serve(Map.of("PARCELVEIL_DETECT_COOLDOWN", "2h"), "serve", "--config", file.toString(),
        "--detect-shift-start", "05:30").settings();
    assertThat(s.leaks().webhook()).contains(URI.create("https://alerts.example.test/pv"));
    assertThat(s.leaks().detectors().refusalBurst()).isEqualTo(7);
    assertThat(s.leaks().detectors().cooldown()).isEqualTo(Duration.ofHours(2));
    assertThat(s.leaks().detectors().shiftStart()).hasToString("05:30");
  }

  @Test
  void settingsThatConstrainEachOther_takeAnyOrder() {
    Settings s = serve(Map.of(), "serve", "--retention-days", "20", "--retention-after-delivery-days", "10")
        .settings();
    assertThat(s.retention().maxDays()).isEqualTo(20);
    assertThat(s.retention().daysAfterFinish()).isEqualTo(10);
  }

  @Test
  void witnesses_areGivenInPairs_byRepeatedFlags_orAsWordsInTheEnvironmentOrFile() throws Exception {
    String a = WitnessKey.generate("w.example/a").verifierKey().vkey();
    String b = WitnessKey.generate("w.example/b").verifierKey().vkey();
    Settings flags = serve(Map.of(), "serve", "--witness", "http://127.0.0.1:7380", "--witness-vkey", a,
        "--witness", "https://w.example/b/", "--witness-vkey", b, "--witness-quorum", "1").settings();
    assertThat(flags.witnesses().urls()).containsExactly("http://127.0.0.1:7380", "https://w.example/b/");
    assertThat(flags.witnesses().vkeys()).containsExactly(a, b);
    assertThat(flags.witnesses().k()).isEqualTo(1);
    Settings env = serve(Map.of("PARCELVEIL_WITNESS", "http://127.0.0.1:7380 https://w.example/b/",
        "PARCELVEIL_WITNESS_VKEY", a + " " + b), "serve").settings();
    assertThat(env.witnesses().urls()).isEqualTo(flags.witnesses().urls());
    assertThat(env.witnesses().vkeys()).isEqualTo(flags.witnesses().vkeys());
    assertThat(env.witnesses().k()).as("default: all given").isEqualTo(2);
    Path file = config("witness=http://127.0.0.1:7380\nwitness-vkey=" + a + "\n");
    assertThat(serve(Map.of(), "serve", "--config", file.toString()).settings().witnesses().urls()).hasSize(1);
    assertThat(serve(Map.of(), "serve").settings().witnesses().enabled()).isFalse();
  }

  @Test
  void witnessesNotInPairs_orTooLargeAQuorum_areRefusedAtStart() {
    String a = WitnessKey.generate("w.example/a").verifierKey().vkey();
    Result unpaired = run(Map.of(), "serve", "--data", dir.resolve("d").toString(), "--witness", "http://127.0.0.1:1");
    assertThat(unpaired.code()).isEqualTo(2);
    assertThat(unpaired.err()).contains("invalid witness-vkey").contains("1 witness URLs but 0 witness keys");
    Result quorum = run(Map.of(), "serve", "--data", dir.resolve("d").toString(), "--witness", "http://127.0.0.1:1",
        "--witness-vkey", a, "--witness-quorum", "2");
    assertThat(quorum.code()).isEqualTo(2);
    assertThat(quorum.err()).contains("invalid witness-quorum (from --witness-quorum)");
    Result logKey = run(Map.of(), "serve", "--data", dir.resolve("d").toString(), "--witness", "http://127.0.0.1:1",
        "--witness-vkey", "example.com/log+12345678+AQ" + "A".repeat(42) + "=");
    assertThat(logKey.code()).isEqualTo(2);
    assertThat(logKey.err()).contains("invalid witness-vkey (from --witness-vkey)");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void secrets_comeFromEnvOrFile_onlyAndReachTheService() throws Exception {
    Path file = config("db-url=jdbc:postgresql://db.example.test/pv\ndb-password=from-file\nmetrics-token="
        + "m".repeat(40) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ServeCommand fromFile = serve(Map.of(), "serve", "--config", file.toString());
    assertThat(fromFile.settings().database().orElseThrow().password()).isEqualTo("from-file");
    assertThat(fromFile.store.environment()).containsEntry("PARCELVEIL_METRICS_TOKEN", "m".repeat(40));
    ServeCommand fromEnv = serve(Map.of("PARCELVEIL_DB_PASSWORD", "from-env"), "serve", "--config", file.toString());
    assertThat(fromEnv.settings().database().orElseThrow().password()).isEqualTo("from-env");

    Result flag = run(Map.of(), "serve", "--db-password", "on-the-command-line");
    assertThat(flag.code()).isEqualTo(2);
    assertThat(flag.err()).contains("--db-password");
  }

  @Test
  void aSecretInAFileOthersCanRead_isRefused() throws Exception {
    Path file = config("master-key=" + "A".repeat(43) + "=\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Result r = run(Map.of(), "serve", "--config", file.toString(), "--data", dir.resolve("d").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("holds a secret").doesNotContain("AAAA");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port|70000|port",
      "--port|eighty|port",
      "--max-body|12|max-body",
      "--retention-days|0|retention-days",
      "--detect-cooldown|soon|detect-cooldown",
      "--leak-webhook|ftp://x|leak-webhook",
      "--trusted-proxy-header|X Bad|trusted-proxy-header"})
  void badValue_isRefusedAtStart_namingTheSetting(String flag, String value, String name) {
    Result r = run(Map.of(), "serve", "--data", dir.resolve("d").toString(), flag, value);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("parcelveil: invalid " + name + " (from " + flag + ")")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("d")).doesNotExist();
  }

  @Test
  void badValueFromEnvOrFile_namesWhereItCameFrom() throws Exception {
    Result env = run(Map.of("PARCELVEIL_PORT", "-1"), "serve");
    assertThat(env.code()).isEqualTo(2);
    assertThat(env.err()).contains("invalid port (from PARCELVEIL_PORT)");
    Path file = config("detect-probe-share=2\n");
    Result fromFile = run(Map.of(), "serve", "--config", file.toString());
    assertThat(fromFile.code()).isEqualTo(2);
    assertThat(fromFile.err()).contains("invalid detect-probe-share (from " + file + " (detect-probe-share))");
  }

  @Test
  void unknownNameInConfigFile_isRefused() throws Exception {
    Result r = run(Map.of(), "serve", "--config", config("prot=9000\n").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no such setting: prot");
    Result missing = run(Map.of(), "serve", "--config", dir.resolve("none.properties").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void serveHelp_listsEverySetting_andPrintsNoSecret() {
    Result help = run(Map.of("PARCELVEIL_DB_PASSWORD", "hunter2-secret", "PARCELVEIL_METRICS_TOKEN",
        "t".repeat(40)), "serve", "--help");
    assertThat(help.code()).isZero();
    for (Setting s : SettingsCatalog.ALL) {
      if (s.secret()) {
        assertThat(help.out()).contains(s.env()).doesNotContain(s.flag() + "=");
      } else {
        assertThat(help.out()).contains(s.flag() + "=" + s.label());
      }
    }
    assertThat(help.out()).contains("--config").doesNotContain("hunter2-secret").doesNotContain("t".repeat(40));
  }

  @Test
  void everyDeclaredDefault_readsBackAsItself() {
    for (Setting s : SettingsCatalog.ALL) {
      if (s.passedInEnvironment() || s.defaultText().equals("unset") || s.defaultText().contains(" ")
          || s.defaultText().startsWith("<")) {
        continue;
      }
      Settings applied = s.apply().apply(Settings.defaults(), s.defaultText());
      assertThat(s.shown().apply(applied)).as(s.name()).isEqualTo(s.defaultText());
    }
  }

  private Path config(String text) throws Exception {
    Path file = Files.createTempFile(dir, "parcelveil", ".properties");
    Files.writeString(file, text);
    return file;
  }

  private static ServeCommand serve(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    cmd.parseArgs(args);
    return cmd.getSubcommands().get("serve").getCommand();
  }

  record Result(int code, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
