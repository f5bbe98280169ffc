package dev.ghostrecords.database;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * How camel-sql hands rows to the routes: each statement names the record its rows fill
 * ({@code outputClass}), the same record the REST DSL names as its answer, so the OpenAPI document
 * describes what is returned. A component takes the column of its name in snake_case
 * ({@code firstSeenAt} is {@code first_seen_at}); times are UTC; json and jsonb columns become the
 * component's type (a {@code JsonNode} stays free-form). A component that is itself a record is read
 * from the same row (a page row carries its total beside the model), null when its columns are.
 */
public final class SqlRows implements RowMapperFactory {

    /** numbers as written: a price of 0.0000025 stays that, not 2.5E-6 */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public RowMapper<?> newColumnRowMapper() {
        // statements that name no record (counts, locks, inserts) are read as plain maps
        return new ColumnMapRowMapper();
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> mappedClass) {
        if (!mappedClass.isRecord()) {
            throw new IllegalArgumentException(mappedClass.getName() + " is not a record: rows fill records");
        }
        Reader reader = READERS.get(mappedClass);
        return new RowMapper<>() {
            private ResultSet read;
            private Columns columns;

            @Override
            public Object mapRow(ResultSet rs, int rowNumber) throws SQLException {
                // the columns are looked up once per result set, not per row (a page has thousands)
                if (rs != read) {
                    columns = Columns.of(rs);
                    read = rs;
                }
                return reader.read(rs, columns);
            }
        };
    }

    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            return new Reader(type);
        }
    };

    /** A result set's columns: by name, their 1-based index; by index, whether they hold JSON. */
    private record Columns(Map<String, Integer> byName, boolean[] json) {
        static Columns of(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> byName = new HashMap<>();
            boolean[] json = new boolean[meta.getColumnCount() + 1];
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                byName.put(JdbcUtils.lookupColumnName(meta, i), i);
                String sqlType = meta.getColumnTypeName(i);
                json[i] = "jsonb".equals(sqlType) || "json".equals(sqlType);
            }
            return new Columns(byName, json);
        }
    }

    /** Fills one record class from a row. */
    private static final class Reader {
        private final Constructor<?> constructor;
        private final RecordComponent[] components;
        private final String[] columnNames;
        private final Reader[] nested;
        private final JavaType[] jsonTypes;

        Reader(Class<?> type) {
            components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            columnNames = new String[components.length];
            nested = new Reader[components.length];
            jsonTypes = new JavaType[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                columnNames[i] = components[i].getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
                nested[i] = types[i].isRecord() ? new Reader(types[i]) : null;
                jsonTypes[i] = JSON.getTypeFactory().constructType(components[i].getGenericType());
            }
            try {
                constructor = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        Object read(ResultSet rs, Columns columns) throws SQLException {
            Object[] values = new Object[components.length];
            boolean any = false;
            for (int i = 0; i < components.length; i++) {
                Integer column = columns.byName().get(columnNames[i]);
                if (column == null && nested[i] != null) {
                    values[i] = nested[i].read(rs, columns);
                } else if (column == null) {
                    throw new IllegalStateException("the statement returns no column " + columnNames[i] + " for "
                            + constructor.getDeclaringClass().getSimpleName() + "." + components[i].getName());
                } else {
                    values[i] = value(rs, column, i, columns.json()[column]);
                }
                any |= values[i] != null;
            }
            if (!any) {
                return null;
            }
            for (int i = 0; i < components.length; i++) {
                if (values[i] == null) {
                    values[i] = primitiveDefault(components[i].getType());
                }
            }
            try {
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }

        private Object value(ResultSet rs, int column, int component, boolean json) throws SQLException {
            Class<?> type = components[component].getType();
            if (type == OffsetDateTime.class) {
                OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
                return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
            }
            if (json) {
                String text = rs.getString(column);
                try {
                    return text == null ? null : JSON.readValue(text, jsonTypes[component]);
                } catch (JsonProcessingException e) {
                    throw new SQLException("column " + columnNames[component] + " is not " + jsonTypes[component], e);
                }
            }
            if (type == String.class) {
                return rs.getString(column);
            }
            Object value = rs.getObject(column);
            if (value instanceof Number number) {
                if (type == long.class || type == Long.class) {
                    return number.longValue();
                }
                if (type == int.class || type == Integer.class) {
                    return number.intValue();
                }
                if (type == double.class || type == Double.class) {
                    return number.doubleValue();
                }
            }
            return value;
        }

        private static Object primitiveDefault(Class<?> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            return type == boolean.class ? false : type == double.class ? 0.0 : type == int.class ? 0 : 0L;
        }
    }
}
