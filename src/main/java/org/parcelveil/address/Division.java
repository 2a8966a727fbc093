package org.parcelveil.address;

/**
 * A province, city and district as the official division list writes them (e.g. {@code 浙江省 杭州市 西湖区}). For
 * the municipalities the city is the municipality itself ({@code 北京市 北京市 朝阳区}); for a county-level city
 * governed by its province directly, city and district are both that city ({@code 河南省 济源市 济源市}).
 */
public record Division(String province, String city, String district) {}
