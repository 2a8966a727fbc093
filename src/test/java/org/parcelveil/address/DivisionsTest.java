package org.parcelveil.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parcelveil.validation.Check;

class DivisionsTest {
  private final Divisions divisions = Divisions.official();

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "浙江省, 杭州市, 西湖区, 浙江省, 杭州市, 西湖区",
      "浙江, 杭州, 西湖, 浙江省, 杭州市, 西湖区",
      "浙江, 杭州市, 余杭, 浙江省, 杭州市, 余杭区",
      "北京, 北京, 朝阳, 北京市, 北京市, 朝阳区",
      "北京市, 市辖区, 海淀区, 北京市, 北京市, 海淀区",
      "上海, 上海市, 浦东新区, 上海市, 上海市, 浦东新区",
      "上海, 上海市, 浦东, 上海市, 上海市, 浦东新区",
      "重庆, 县, 巫山, 重庆市, 重庆市, 巫山县",
      "重庆市, 重庆市, 渝中区, 重庆市, 重庆市, 渝中区",
      "天津, 天津, 和平, 天津市, 天津市, 和平区",
      "广西, 南宁, 青秀, 广西壮族自治区, 南宁市, 青秀区",
      "内蒙古, 呼和浩特, 新城区, 内蒙古自治区, 呼和浩特市, 新城区",
      "新疆, 伊犁, 伊宁市, 新疆维吾尔自治区, 伊犁哈萨克自治州, 伊宁市",
      "新疆, 石河子市, 石河子市, 新疆维吾尔自治区, 石河子市, 石河子市",
      "湖北, 恩施, 恩施市, 湖北省, 恩施土家族苗族自治州, 恩施市",
      "湖北省, 省直辖县级行政区划, 仙桃市, 湖北省, 仙桃市, 仙桃市",
      "河南, 济源, 济源市, 河南省, 济源市, 济源市",
      "广东, 东莞, 东莞市, 广东省, 东莞市, 东莞市",
      "广东省, 深圳市, 南山区, 广东省, 深圳市, 南山区",
      "西藏, 拉萨, 城关区, 西藏自治区, 拉萨市, 城关区",
      "湖北省, 宜昌市, 长阳, 湖北省, 宜昌市, 长阳土家族自治县",
      "吉林, 延边, 延吉, 吉林省, 延边朝鲜族自治州, 延吉市",
  })
  void knownAreas_areWrittenAsTheListWritesThem(String p, String c, String d, String wp, String wc, String wd) {
    Check check = new Check();
    assertThat(divisions.check(check, "recipient.address", p, c, d)).isEqualTo(new Division(wp, wc, wd));
    assertThat(check.ok()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "火星省, 火星市, 奥林匹斯区, recipient.address.province",
      "浙江省, 火星市, 西湖区, recipient.address.city",
      "浙江省, 杭州市, 奥林匹斯区, recipient.address.district",
      "浙江省, 杭州市, 朝阳区, recipient.address.district",
      "浙江省, 南京市, 鼓楼区, recipient.address.city",
      "北京市, 上海市, 朝阳区, recipient.address.city",
      "香港, 香港, 中西区, recipient.address.province",
      "江苏, 南京, 鼓, recipient.address.district",
  })
  void unknownAreas_nameTheFirstUnknownLevel(String p, String c, String d, String field) {
    Check check = new Check();
    assertThat(divisions.check(check, "recipient.address", p, c, d)).isNull();
    assertThat(check.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo(field));
  }

  @org.junit.jupiter.api.Test
  void shortForms_dropEthnicNamesAndSuffixes() {
    assertThat(ShortNames.of("广西壮族自治区")).isEqualTo("广西");
    assertThat(ShortNames.of("内蒙古自治区")).isEqualTo("内蒙古");
    assertThat(ShortNames.of("宁夏回族自治区")).isEqualTo("宁夏");
    assertThat(ShortNames.of("克孜勒苏柯尔克孜自治州")).isEqualTo("克孜勒苏");
    assertThat(ShortNames.of("海西蒙古族藏族自治州")).isEqualTo("海西");
    assertThat(ShortNames.of("城区")).isNull();
  }
}
