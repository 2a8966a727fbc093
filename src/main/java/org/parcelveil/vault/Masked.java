package org.parcelveil.vault;

/** The masked view of a person: e.g. {@code 张*}, {@code *******5678}, {@code 浙江省 杭州市 西湖区}. */
public record Masked(String name, String phone, String area) {}
