package org.parcelveil.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressParserTest {
  private final AddressParser parser = new AddressParser(Divisions.official());

  @Test
  void theIssuesLine_isSplitIntoEveryField() {
    ParsedAddress p = parser.parse("张三 13912345678 浙江省杭州市西湖区文三路90号2栋1204室");
    assertThat(p.name()).isEqualTo("张三");
    assertThat(p.phone()).isEqualTo("13912345678");
    assertThat(fields(p.address())).containsExactly("浙江省", "杭州市", "西湖区", "文三路90号", "2栋1204室");
    assertThat(p.unparsed()).isEmpty();
  }

  /** text | name | phone | province | city | district | street | detail. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "浙江省杭州市西湖区文三路90号2栋1204室 张三 13912345678|张三|13912345678|浙江省|杭州市|西湖区|文三路90号|2栋1204室",
      "13912345678，张三，浙江杭州西湖区文三路90号2栋1204室|张三|13912345678|浙江省|杭州市|西湖区|文三路90号|2栋1204室",
      "收货人：李四 手机号码：+86 139-1234-5678 所在地区：上海市浦东新区 详细地址：世纪大道100号10楼|李四|13912345678|上海市|上海市|浦东新区|世纪大道100号|10楼",
      "王五,0571-88886666,浙江省 杭州市 滨江区 江南大道3888号|王五|0571-88886666|浙江省|杭州市|滨江区||江南大道3888号",
      "北京朝阳区建国路88号SOHO现代城A座2001 赵六 18612345678|赵六|18612345678|北京市|北京市|朝阳区|建国路88号|SOHO现代城A座2001",
      "赵六 18612345678 北京市市辖区海淀区中关村大街1号|赵六|18612345678|北京市|北京市|海淀区||中关村大街1号",
      "广东省东莞市南城街道鸿福路200号 陈七 13800138000|陈七|13800138000|广东省|东莞市|东莞市|南城街道|鸿福路200号",
      "杭州市余杭区五常街道文一西路969号 孙八 15012345678|孙八|15012345678|浙江省|杭州市|余杭区|五常街道|文一西路969号",
      "深圳市南山区科技园科苑路15号B座8楼 周九 13512345678|周九|13512345678|广东省|深圳市|南山区|科技园科苑路15号|B座8楼",
      "张三浙江省杭州市西湖区文三路90号2栋1204室13912345678|张三|13912345678|浙江省|杭州市|西湖区|文三路90号|2栋1204室",
      "湖北省仙桃市沙嘴街道仙桃大道1号 吴十 13312345678|吴十|13312345678|湖北省|仙桃市|仙桃市|沙嘴街道|仙桃大道1号",
      "广西南宁市青秀区民族大道100号 欧阳娜娜 (0771)5551234|欧阳娜娜|0771-5551234|广西壮族自治区|南宁市|青秀区||民族大道100号",
      "重庆市渝中区解放碑邹容路68号 钱一 0086 13912345678|钱一|13912345678|重庆市|重庆市|渝中区||解放碑邹容路68号",
      "新疆乌鲁木齐天山区解放南路1号 阿依古丽·买买提 13912345678|阿依古丽·买买提|13912345678|新疆维吾尔自治区|乌鲁木齐市|天山区||解放南路1号",
      "Li Lei 13912345678 江苏省南京市鼓楼区中山路1号|Li Lei|13912345678|江苏省|南京市|鼓楼区||中山路1号",
  })
  void realLines_areSplitIntoFields(String text, String name, String phone, String province, String city,
      String district, String street, String detail) {
    ParsedAddress p = parser.parse(text);
    assertThat(p.name()).isEqualTo(name);
    assertThat(p.phone()).isEqualTo(phone);
    assertThat(fields(p.address())).containsExactly(province, city, district, street, detail);
  }

  private static java.util.List<String> fields(ParsedAddress.Parts a) {
    return java.util.Arrays.asList(a.province(), a.city(), a.district(), a.street(), a.detail());
  }

  @Test
  void anAmbiguousDistrictAlone_isNotGuessed() {
    ParsedAddress p = parser.parse("张三 13912345678 鼓楼区中山路1号");
    assertThat(p.address().district()).isNull();
    assertThat(p.address().province()).isNull();
  }

  @Test
  void textWithoutAnArea_isHandedBackUnparsed() {
    ParsedAddress p = parser.parse("张三 13912345678 火星奥林匹斯山1号");
    assertThat(p.address().province()).isNull();
    assertThat(p.unparsed()).contains("火星奥林匹斯山1号");
  }

  @Test
  void aSecondName_isUnparsed() {
    ParsedAddress p = parser.parse("张三 李四 13912345678 浙江省杭州市西湖区文三路90号");
    assertThat(p.name()).isEqualTo("张三");
    assertThat(p.unparsed()).containsExactly("李四");
  }

  /** Hostile or random text never throws: each answer is a (possibly empty) split, never a 500. */
  @Test
  void randomAndHostileText_neverThrows() {
    java.util.Random random = new java.util.Random(20);
    String alphabet = "浙江省杭州市西湖区北京朝阳重庆县市辖区 ,，；:：0123456789+-()号路栋室\uD83D\uDE00\u202E收件人电话";
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(AddressParser.MAX_LENGTH);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      ParsedAddress p = parser.parse(text.toString());
      assertThat(p.unparsed()).isNotNull();
    }
    assertThat(parser.parse(" ".repeat(AddressParser.MAX_LENGTH)).address().province()).isNull();
    assertThat(parser.parse("浙 ".repeat(AddressParser.MAX_LENGTH / 2)).name()).isNotNull();
  }

  @Test
  void parsedValues_printRedacted() {
    ParsedAddress p = parser.parse("张三 13912345678 浙江省杭州市西湖区文三路90号2栋1204室");
    assertThat(p.toString()).doesNotContain("张三").doesNotContain("139").doesNotContain("文三路");
  }
}
