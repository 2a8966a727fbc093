package org.parcelveil.leaks.attribution;

import java.util.List;

/**
 * An agent ranked by the guilt model: Pr{G_i|S} ({@code score}), its log-form weight (the ranking key), how many
 * leaked records it held, and some of the sightings that make it a candidate.
 */
public record Suspect(Agent agent, double score, double weight, int covered, List<Sighting> evidence) {}
