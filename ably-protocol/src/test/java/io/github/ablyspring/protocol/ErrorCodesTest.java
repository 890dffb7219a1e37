package io.github.ablyspring.protocol;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every constant of {@link ErrorCodes} must be a code of Ably's {@code errors.json}, named after its identifier. */
class ErrorCodesTest {

	@Test
	void everyConstantIsAnAblyCodeNamedAfterItsIdentifier() throws IllegalAccessException {
		JsonNode codes = Vectors.json("errors.json").path("codes");
		assertThat(codes.isObject()).as("errors.json has a 'codes' object").isTrue();

		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (Field field : ErrorCodes.class.getDeclaredFields()) {
			int modifiers = field.getModifiers();
			if (!Modifier.isPublic(modifiers) || !Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)
					|| field.getType() != int.class) {
				continue;
			}
			checked++;
			int code = field.getInt(null);
			JsonNode entry = codes.path(Integer.toString(code));
			if (entry.isMissingNode()) {
				problems.add(field.getName() + " = " + code + ": no such code in errors.json");
				continue;
			}
			String identifier = entry.path("identifier").asString();
			if (!field.getName().equals(identifier.toUpperCase(Locale.ROOT))) {
				problems.add(field.getName() + " = " + code + ": errors.json names it '" + identifier + "'");
			}
		}
		System.out.println("ErrorCodesTest: checked " + checked + " ErrorCodes constants against errors.json");
		assertThat(checked).isPositive();
		assertThat(problems).isEmpty();
	}
}
