package dev.tavern.http.errors;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Refuses JSON strings holding U+0000, which Postgres text cannot store: the client learns which field, instead of
 * the request failing at the database. Registered for every service by {@link StrictJson}.
 */
final class NulFreeStrings extends StdScalarDeserializer<String> {

    static final String MESSAGE = "Must not contain NUL characters";

    /** Jackson prepends the field's path as the failure travels up, so the 400 names it. */
    static final class NulCharacter extends JsonMappingException {
        NulCharacter(JsonParser parser) {
            super(parser, MESSAGE);
        }
    }

    NulFreeStrings() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new NulCharacter(parser);
        }
        return value;
    }
}
