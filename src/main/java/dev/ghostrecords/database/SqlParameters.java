package dev.ghostrecords.database;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Lets a route hand camel-sql a request record as its body: the record's components are the
 * statement's {@code :#named} parameters ({@code ModelQuery.limit()} binds {@code :#limit}).
 */
public final class SqlParameters extends TypeConverterSupport {

    public static void register(TypeConverterRegistry registry) {
        registry.addFallbackTypeConverter(new SqlParameters(), false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
        if (type != Map.class || value == null || !value.getClass().isRecord()) {
            return null;
        }
        Map<String, Object> parameters = new HashMap<>();
        try {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                parameters.put(component.getName(), component.getAccessor().invoke(value));
            }
        } catch (ReflectiveOperationException e) {
            throw new TypeConversionException(value, type, e);
        }
        return (T) parameters;
    }
}
