package io.github.ablyspring.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Aggregated annotations of a message (TM8): summaries by annotation type, kept opaque (TM8a1). */
public record MessageAnnotations(Map<String, JsonNode> summary) {

	public static final MessageAnnotations EMPTY = new MessageAnnotations(Map.of());

	public MessageAnnotations {
		summary = summary == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(summary));
	}
}
