package org.parcelveil.leaks.attribution;

/**
 * An agent ranked by the guilt model: Pr{G_i|S} ({@code score}), its log-form weight over the uncertain objects,
 * how many objects make its guilt certain on their own (a canary only it held), how many leaked records it held, and
 * how it held them (in aggregate: no waybill).
 */
public record Suspect(Agent agent, double score, double weight, int certain, int covered, Evidence evidence) {}
